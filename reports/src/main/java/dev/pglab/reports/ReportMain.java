package dev.pglab.reports;

import dev.pglab.harness.result.LabSettings;
import java.nio.file.Path;

/**
 * Entry point of the {@code -Pbench} report step (exec:exec in reports' bench profile, which also runs it with
 * {@code -Djava.awt.headless=true}): {@code -Dpglab.root}, optional {@code -Dpglab.report.dir}. Writes
 * {@code target/pglab/report/index.html}.
 */
public final class ReportMain {
    private ReportMain() {
    }

    public static void main(String[] args) throws Exception {
        LabSettings settings = LabSettings.fromSystem();
        String dir = settings.knob("pglab.report.dir", null);
        Path out = dir == null ? settings.layout().report() : Path.of(dir);
        Path index = new Report(settings.root(), out).write();
        System.out.println("pglab report: " + index);
    }
}
