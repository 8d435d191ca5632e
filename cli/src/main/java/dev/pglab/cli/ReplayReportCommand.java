package dev.pglab.cli;

import dev.pglab.reports.ReplayPage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pglab replay report DIR...}: the replay page of one replay, or of several replays of one capture on shared axes. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the HTML page of one or more replay report directories (pglab replay --report DIR). "
                + "Several replays of one capture (e.g. --order session and --order strict) share their time axes, so a "
                + "stall shows as a gap in statements per second and a spike in lateness."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:page written", "2:a directory is not a replay report"})
final class ReplayReportCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Replay report directories (each with timeline.json).")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "FILE", description = "The page to write. Default: DIR/index.html for one "
            + "directory, compare.html beside the first for several.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path page = out != null ? out : dirs.size() == 1 ? dirs.getFirst().resolve("index.html")
                : dirs.getFirst().toAbsolutePath().resolveSibling("compare.html");
        try {
            ReplayPage.write(dirs, page);
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("pglab replay report: " + e.getMessage());
            return 2;
        }
        spec.commandLine().getOut().println("pglab replay report: " + page.toAbsolutePath());
        return 0;
    }
}
