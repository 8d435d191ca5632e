package dev.pglab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What every command shares: help on -?, the exit-code footer, one-line failures, no secrets in output. */
class CliContractTest {

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PglabCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static List<CommandLine> allCommands() {
        List<CommandLine> all = new ArrayList<>();
        collect(PglabCommand.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> all) {
        if (!(cl.getCommand() instanceof CommandLine.HelpCommand)) {
            all.add(cl);
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    @Test
    void everyCommandHasHelpOnQuestionMarkAndTheExitCodeFooter() {
        for (CommandLine cl : allCommands()) {
            String name = cl.getCommandSpec().qualifiedName(" ");
            List<String> args = new ArrayList<>(List.of(name.split(" ")).subList(1, name.split(" ").length));
            args.add("-?");
            Run r = run(args.toArray(String[]::new));
            assertThat(r.exit()).as(name).isZero();
            assertThat(r.out()).as(name).contains("Usage: " + name, "-?, --help", "Exit codes:",
                    "1     done, and the verdict is bad", "3     partial", "130   interrupted");
            assertThat(cl.getCommandSpec().findOption("-h")).as(name + ": -h is the host, never help")
                    .satisfiesAnyOf(o -> assertThat(o).isNull(), o -> assertThat(o.longestName()).isEqualTo("--host"));
        }
    }

    @Test
    void serverTakesMinusPAsItsPort() {
        CommandLine cl = PglabCommand.commandLine();
        CommandLine.ParseResult parsed = cl.parseArgs("server", "-p", "5432", "--profile", "capture");
        ServerCommand server = (ServerCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(server.port).isEqualTo(5432);
        assertThat(server.profiles).containsExactly("capture");
    }

    @Test
    void usageErrorsAndUnreadableInputExit2InOneLine(@TempDir Path tmp) throws Exception {
        Path log = Files.writeString(tmp.resolve("a.log"), """
                2026-01-01 00:00:00.000 UTC [7] LOG:  connection authorized: user=u database=d
                2026-01-01 00:00:00.100 UTC [7] LOG:  statement: select 1
                """);
        Path gz = tmp.resolve("five.gz");
        Files.write(gz, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0});
        Path file = Files.writeString(tmp.resolve("file"), "x");
        List<String[]> cases = List.of(
                new String[] {"parse", log.toString(), "--prefix", "%Z%Y "},
                new String[] {"parse", log.toString(), "--out", tmp.toString()},
                new String[] {"parse", gz.toString()},
                new String[] {"parse", "/proc/self/mem"},
                new String[] {"replay", log.toString(), "--dry-run", "--report", file.resolve("sub").toString()},
                new String[] {"replay", log.toString(), "--speed", "fast"},
                new String[] {"replay", log.toString(), "--no-such-option"},
                new String[] {"server", "-p", "70000"});
        assertThat(run("replay", log.toString(), "--dry-run").exit()).as("the log is valid").isZero();
        for (String[] c : cases) {
            Run r = run(c);
            String what = String.join(" ", c);
            assertThat(r.exit()).as(what + "\n" + r.all()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
            assertThat(r.err()).as(what).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain(": null");
        }
    }

    @Test
    void unreachableServersExit2WithoutAStackTraceOrThePassword() {
        List<String[]> cases = List.of(
                new String[] {"cdc", "run", "--target", "postgres://x:SECRET@127.0.0.1:1/db", "--rounds", "1"},
                new String[] {"cdc", "run", "-d", "jdbc:postgresql://127.0.0.1:1/db?user=x&password=SECRET"},
                new String[] {"cdc", "run", "--target", "mysql://x:SECRET@127.0.0.1:1/db"},
                new String[] {"cdc", "run", "-d", "host=127.0.0.1 port=1 user=x password=SECRET"},
                new String[] {"wal", "stream", "--target", "jdbc:postgresql:///db?user=x&password=SECRET", "-p", "1"},
                new String[] {"wal", "stream", "--url", "postgresql://x:SECRET@127.0.0.1:1/db"},
                new String[] {"replay", "/nonexistent.log", "--target", "postgresql://x:SECRET@127.0.0.1:1/db"},
                new String[] {"replay", "/nonexistent.log", "--target", "mysql://x:SECRET@h/db"});
        for (String[] c : cases) {
            Run r = run(c);
            String what = String.join(" ", c);
            assertThat(r.exit()).as(what + "\n" + r.all()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
            assertThat(r.all()).as(what).doesNotContain("SECRET").doesNotContain("\tat ");
        }
    }

    @Test
    void passwordsReachNoWrittenFile(@TempDir Path tmp) throws Exception {
        Path log = Files.writeString(tmp.resolve("a.log"), """
                2026-01-01 00:00:00.000 UTC [7] LOG:  connection authorized: user=u database=d
                2026-01-01 00:00:00.100 UTC [7] LOG:  statement: select 1
                """);
        Path report = tmp.resolve("report");
        for (String target : List.of("postgresql://x:SECRET@127.0.0.1:1/db", "postgres://x:SECRET@127.0.0.1:1/db",
                "jdbc:postgresql://127.0.0.1:1/db?user=x&password=SECRET", "host=127.0.0.1 port=1 password=SECRET")) {
            Run r = run("replay", log.toString(), "-d", target, "--speed", "max", "--report", report.toString(), "--json");
            assertThat(r.exit()).as(target + "\n" + r.all()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
            assertThat(r.all()).as(target).doesNotContain("SECRET").contains("nothing ran");
            try (var files = Files.walk(tmp)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(f)).as(f + " after " + target).doesNotContain("SECRET");
                }
            }
        }
        assertThat(report.resolve("replay.json")).isNotEmptyFile();
    }

    @Test
    void traceReportReadsEveryLayoutPglabWrites(@TempDir Path tmp) throws Exception {
        Path committed = Path.of("..", "reports", "src", "test", "resources", "traces", "replay-transfers");
        Run dir = run("trace", "report", committed.toString());
        assertThat(dir.exit()).as(dir.err()).isZero();
        assertThat(dir.out()).contains("update trc_acct set bal = bal + ? where id = ?");
        Run file = run("trace", "report", "--json", committed.resolve("trace-profile.json").toString());
        assertThat(file.exit()).as(file.err()).isZero();
        assertThat(file.out()).contains("pglab-trace-profile/1", "Lock:transactionid");
        Run html = run("trace", "report", committed.toString(), "--html", tmp.resolve("t.html").toString());
        assertThat(html.exit()).as(html.err()).isZero();
        assertThat(tmp.resolve("t.html")).isNotEmptyFile();
        Run none = run("trace", "report", tmp.toString());
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        Path bad = Files.writeString(tmp.resolve("trace-profile.json"), "{\"schema\": \"pglab-trace-profile/1\", \"statements\": 7");
        Run malformed = run("trace", "report", bad.toString());
        assertThat(malformed.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(malformed.err()).contains("trace-profile.json:", "malformed JSON").doesNotContain("\tat ");
    }

    @Test
    void reportOutsideALabTreeIsAnError(@TempDir Path tmp) {
        Run r = run("report", "--root", tmp.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).contains("not a pglab tree");
        assertThat(tmp.resolve("target")).doesNotExist();
    }

    @Test
    void theMetricsEndpointListensOnLoopbackUnlessTold() throws Exception {
        dev.pglab.replay.Replay replay = dev.pglab.replay.Replay.dryRun(dev.pglab.replay.ReplayConfig.defaults(),
                (id, item, due, start) -> { });
        try (var m = dev.pglab.replay.MetricsEndpoint.start(replay, 0)) {
            assertThat(m.address().getAddress().isLoopbackAddress()).isTrue();
        }
        try (var m = dev.pglab.replay.MetricsEndpoint.start(replay, "0.0.0.0", 0)) {
            assertThat(m.address().getAddress().isAnyLocalAddress()).isTrue();
        }
        CommandLine.ParseResult parsed = PglabCommand.commandLine().parseArgs("replay", "x.log");
        assertThat(((ReplayCommand) parsed.subcommand().commandSpec().userObject()).metricsAddress).isEqualTo("127.0.0.1");
    }
}
