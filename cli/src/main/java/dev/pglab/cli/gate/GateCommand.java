package dev.pglab.cli.gate;

import dev.pglab.ci.BaselineStore;
import dev.pglab.ci.GateOptions;
import dev.pglab.ci.GateReport;
import dev.pglab.ci.GateRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pglab gate}: judge result files against committed baselines; {@code pglab gate ab} for same-job timing. */
@Command(name = "gate", mixinStandardHelpOptions = true, subcommands = AbCommand.class,
        description = {"Gate result files (target/pglab/results/*.json) against committed baselines "
                + "(ci/baselines/<fingerprint>/<module>.json): bytes/op and counters hard, timing advisory except "
                + "catastrophic slowdowns. Prints a verdict table and writes target/pglab/gate.json.",
                "Exit 0: no regression; 1: REGRESSION (unless --warn); 2: unreadable input."})
public final class GateCommand implements Callable<Integer> {

    @Option(names = "--root", description = "Project root holding target/pglab and ci/baselines (default: .).")
    Path root = Path.of(".");

    @Option(names = "--results", description = "Directory of result files (default: <root>/target/pglab/results).")
    Path results;

    @Option(names = "--baselines", description = "Baselines directory (default: <root>/ci/baselines).")
    Path baselines;

    @Option(names = "--out", description = "Where gate.json goes (default: <root>/target/pglab/gate.json).")
    Path out;

    @Option(names = "--warn", description = "Report only: a REGRESSION does not make the exit code non-zero.")
    boolean warn;

    @Option(names = "--update-baseline", description = "Write these results as the baselines of this fingerprint "
            + "(keeps declared expectations, sentinels and noise). Commit them with a 'Perf-Baseline: <reason>' trailer.")
    boolean update;

    @Option(names = "--history", defaultValue = "off", description = "auto | append | off: append a line to "
            + "ci/history/<fingerprint>.jsonl (auto: on the main branch). Default: ${DEFAULT-VALUE}.")
    String history;

    GateOptions options() {
        GateOptions o = GateOptions.defaults(root);
        if (results != null) {
            o = o.withResults(results.toAbsolutePath());
        }
        if (baselines != null) {
            o = o.withStore(new BaselineStore(baselines.toAbsolutePath()));
        }
        if (out != null) {
            o = o.withGateJson(out.toAbsolutePath());
        }
        return o;
    }

    @Override
    public Integer call() throws Exception {
        GateOptions o = options().with(warn ? "warn" : "fail", update ? "update" : "compare", null, null, history);
        GateReport report = new GateRun(o, System.out).run();
        return report.exitCode();
    }
}
