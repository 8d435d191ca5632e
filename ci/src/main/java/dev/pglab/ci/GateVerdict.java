package dev.pglab.ci;

import dev.pglab.harness.result.LabSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The last step of {@code -Pbench}: exits with the verdict of {@code target/pglab/gate.json} (1 on REGRESSION under
 * the fail or ab policy), after the report was written. No gate.json: nothing to fail on.
 */
public final class GateVerdict {
    private GateVerdict() {
    }

    public static void main(String[] args) throws Exception {
        Path file = LabSettings.fromSystem().layout().gateJson();
        if (!Files.exists(file)) {
            System.out.println("pglab gate: no " + file + ", nothing to judge");
            return;
        }
        GateReport report = GateReport.read(file);
        if (report.exitCode() != 0) {
            System.err.println("pglab gate: " + report.regressions() + " REGRESSION(s) in " + file
                    + " -- failing the build (see target/pglab/report/index.html; -Dpglab.gate=warn reports only)");
            System.exit(1);
        }
        System.out.println(report.regressions() == 0 ? "pglab gate: no regression (" + file + ")"
                : "pglab gate: " + report.regressions() + " REGRESSION(s) reported, not failing the build (policy "
                + report.policy() + ", baseline " + report.baselineMode() + ")");
    }
}
