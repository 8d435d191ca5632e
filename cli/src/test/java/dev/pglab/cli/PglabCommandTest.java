package dev.pglab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PglabCommandTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = PglabCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int code = cl.execute(args);
        assertThat(code).as("exit code of pglab %s", String.join(" ", args)).isZero();
        return out.toString();
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("--help")).contains("Usage: pglab").contains("server");
    }

    @Test
    void versionNamesTheJvm() {
        assertThat(run("--version")).contains("pglab").contains("JVM:");
    }

    @Test
    void traceReportHasHelp() {
        assertThat(run("trace", "report", "--help")).contains("tkprof").contains("--json");
    }

    @Test
    void serverHelpNamesTheProfiles() {
        assertThat(run("server", "--help")).contains("capture, logical, observe");
    }

    @Test
    void everyCommandsHelpFormatsCleanly() {
        // a bare '%' in a description makes picocli print a WARN and show the raw text instead of the layout
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            visit(PglabCommand.commandLine());
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    private static void visit(CommandLine cl) {
        assertThat(cl.getUsageMessage()).as("help of %s", cl.getCommandName()).contains("Usage:");
        cl.getSubcommands().values().forEach(PglabCommandTest::visit);
    }
}
