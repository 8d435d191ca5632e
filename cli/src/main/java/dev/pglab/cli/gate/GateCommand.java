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

    @Option(names = "--history", defaultValue = "off", description = "auto | append | off: auto appends a line to "
            + "target/pglab/history/<fingerprint>.jsonl, append to the tracked ci/history/<fingerprint>.jsonl (what CI "
            + "on the main branch does); smoke runs never enter a history. Default: ${DEFAULT-VALUE}.")
    String history;

    @Option(names = "--format", defaultValue = "text", description = "text | markdown: markdown prints the verdict table "
            + "as a pull-request comment shows it. gate.md is written beside gate.json either way.")
    String format;

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
        boolean md = markdown(format);
        GateReport report = new GateRun(o, md ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : System.out).run();
        if (md) {
            System.out.print(dev.pglab.ci.GateMarkdown.render(report));
        }
        return report.exitCode();
    }

    static boolean markdown(String format) {
        return switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "markdown", "md" -> true;
            case "text" -> false;
            default -> throw new IllegalArgumentException("--format " + format + ": expected text or markdown");
        };
    }

    /** {@code 3x1000}: iterations x milliseconds. */
    static int[] iterations(String option, String spec) {
        String[] p = spec.trim().split("x");
        try {
            if (p.length == 2) {
                int[] v = {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
                if (v[0] >= 0 && v[1] > 0) {
                    return v;
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(option + " " + spec + ": expected iterations x milliseconds, e.g. 3x1000");
    }
}
