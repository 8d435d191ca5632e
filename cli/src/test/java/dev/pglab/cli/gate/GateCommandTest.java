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

    @Test
    void formatMarkdownPrintsTheVerdictTableAsAPullRequestCommentShowsIt(@TempDir Path root) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = run(new StringWriter(), "gate", "--root", root.toString(), "--format", "markdown");
        } finally {
            System.setOut(saved);
        }
        String md = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(md).startsWith("### pglab gate: no regression").contains("_No results were gated._")
                .contains("- no result files under").doesNotContain("VERDICT        MODULE");
        assertThat(Files.readString(root.resolve("target/pglab/gate.md"))).isEqualTo(md);
        assertThat(run(new StringWriter(), "gate", "--root", root.toString(), "--format", "xml")).isNotZero();
    }
}
