package dev.pglab.cli.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.ci.GateReport;
import dev.pglab.cli.PglabCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GateCommandTest {

    private static int run(StringWriter out, String... args) {
        CommandLine cl = PglabCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return cl.execute(args);
    }

    @Test
    void gateAbAndReportHaveHelp() {
        StringWriter out = new StringWriter();
        assertThat(run(out, "gate", "--help")).isZero();
        assertThat(run(out, "gate", "ab", "--help")).isZero();
        assertThat(run(out, "report", "--help")).isZero();
        assertThat(out.toString()).contains("--update-baseline").contains("--base").contains("Wilcoxon")
                .contains("--calibrate").contains("self-contained HTML report");
    }

    @Test
    void withNoResultsTheGatePassesAndTheReportSaysWhatToRun(@TempDir Path root) throws Exception {
        StringWriter out = new StringWriter();
        assertThat(run(out, "gate", "--root", root.toString())).isZero();
        GateReport report = GateReport.read(root.resolve("target/pglab/gate.json"));
        assertThat(report.verdicts()).isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.contains("no result files"));

        assertThat(run(out, "report", "--root", root.toString())).isZero();
        assertThat(Files.readString(root.resolve("target/pglab/report/index.html"))).contains("./mvnw verify -Pbench");
    }
}
