package dev.pglab.cli;

import dev.pglab.reports.Report;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pglab report}: the self-contained HTML report over whatever results exist. */
@Command(name = "report",
        description = "Write the self-contained HTML report (inline SVG charts, no network) from target/pglab: "
                + "results, gate.json, baselines, history, .hgrm files, flame graphs, and a page per session trace"
                + " (target/pglab/traces/<name>/trace-profile.json). For one trace directory alone:"
                + " pglab trace report DIR --html FILE.")
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--root", description = "Project root holding target/pglab and ci/ (default: .).")
    Path root = Path.of(".");

    @Option(names = "--out", description = "Output directory (default: <root>/target/pglab/report).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path r = root.toAbsolutePath().normalize();
        if (!java.nio.file.Files.isDirectory(r.resolve("target/pglab")) && !java.nio.file.Files.isDirectory(r.resolve("ci/baselines"))) {
            // an empty page that exits 0 would look like a lab with nothing in it
            throw new java.nio.file.NoSuchFileException(r.toString(), null,
                    "not a pglab tree: no target/pglab or ci/baselines here; run it in the checkout or give --root");
        }
        Path index = new Report(r, out == null ? Report.defaultDir(r) : out.toAbsolutePath()).write();
        System.out.println("pglab report: " + index);
        return ExitCodes.OK;
    }
}
