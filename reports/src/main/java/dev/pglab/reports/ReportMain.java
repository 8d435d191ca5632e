package dev.pglab.reports;

import java.nio.file.Path;

/**
 * Entry point of the {@code -Pbench} report step (exec:exec in reports' bench profile): {@code -Dpglab.root},
 * optional {@code -Dpglab.report.dir}. Writes {@code target/pglab/report/index.html}.
 */
public final class ReportMain {
    private ReportMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path root = Path.of(System.getProperty("pglab.root", ".")).toAbsolutePath().normalize();
        String dir = System.getProperty("pglab.report.dir");
        Path out = dir == null || dir.isBlank() ? Report.defaultDir(root) : Path.of(dir);
        Path index = new Report(root, out).write();
        System.out.println("pglab report: " + index);
    }
}
