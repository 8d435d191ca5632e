package dev.pglab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.StandardWorkload;
import dev.pglab.parser.ReplayFileReader;
import dev.pglab.parser.ReplayItem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code pglab parse --json} on a real capture prints the counts the parser tests assert. */
class ParseCommandIT {
    private static final StandardWorkload WORKLOAD = StandardWorkload.DEFAULT;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cmd = PglabCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"stderr", "csv", "json"})
    void jsonCountsEqualTheWorkloadsExpectedCounts(String format) throws Exception {
        CapturedLogs logs = WORKLOAD.capture();
        Run r = run("parse", logs.file(format).toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(r.out());
        StandardWorkload.Expected e = WORKLOAD.expected();
        assertThat(n.get("format").asText()).isEqualTo(format);
        assertThat(n.get("sessions").asInt()).isEqualTo(e.sessions());
        assertThat(n.get("connects").asInt()).isEqualTo(e.connects());
        assertThat(n.get("disconnects").asInt()).isEqualTo(e.disconnects());
        assertThat(n.get("statements").asInt()).isEqualTo(e.statements());
        assertThat(n.get("executes").asInt()).isEqualTo(e.executes());
        assertThat(n.get("executesNamed").asInt()).isEqualTo(e.executesNamed());
        assertThat(n.get("executesUnnamed").asInt()).isEqualTo(e.executesUnnamed());
        assertThat(n.get("executesWithParameters").asInt()).isEqualTo(e.executesWithParameters());
        assertThat(n.get("parameters").asInt()).isEqualTo(e.parameters());
        assertThat(n.get("nullParameters").asInt()).isEqualTo(e.nullParameters());
        assertThat(n.get("errors").asInt()).isEqualTo(e.errors());
        assertThat(n.get("fatals").asInt()).isEqualTo(e.fatals());
        assertThat(n.get("malformed").asInt()).isZero();
        for (String key : List.of("bytes", "entries", "firstTimestamp", "lastTimestamp", "seconds", "mbPerSecond",
                "parseSeconds", "parseMbPerSecond", "timing")) {
            assertThat(n.has(key)).as(key).isTrue();
        }
        // mbPerSecond is the wall figure (JVM start included): never faster than the parse alone
        assertThat(n.get("seconds").asDouble()).isGreaterThanOrEqualTo(n.get("parseSeconds").asDouble());
        assertThat(n.get("mbPerSecond").asDouble()).isLessThanOrEqualTo(n.get("parseMbPerSecond").asDouble());
        assertThat(n.get("bytes").asLong()).isEqualTo(java.nio.file.Files.size(logs.file(format)));
    }

    @Test
    void theTableAndTheReplayFileHoldTheSameItems(@TempDir Path tmp) throws Exception {
        CapturedLogs logs = WORKLOAD.capture();
        Path replay = tmp.resolve("capture.replay");
        Run r = run("parse", logs.stderr().toString(), "--parallel", "--out", replay.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("statements").contains("executes").contains("log_line_prefix '%m|%u|%d|%c|'");
        List<ReplayItem> items = new ArrayList<>();
        try (ReplayFileReader reader = new ReplayFileReader(replay)) {
            reader.forEachRemaining(items::add);
        }
        StandardWorkload.Expected e = WORKLOAD.expected();
        assertThat(items).filteredOn(ReplayItem.Statement.class::isInstance).hasSize(e.statements());
        assertThat(items).filteredOn(ReplayItem.Execute.class::isInstance).hasSize(e.executes());
    }

    @Test
    void anUnknownFormatIsAClearError() {
        Run r = run("parse", WORKLOAD.capture().stderr().toString(), "--format", "xml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--format").contains("xml");
    }

    @Test
    void aGivenFormatAndPrefixAreUsed() throws Exception {
        Run r = run("parse", WORKLOAD.capture().stderr().toString(), "--format", "stderr", "--prefix", "%m|%u|%d|%c|", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.get("prefix").asText()).isEqualTo("%m|%u|%d|%c|");
        assertThat(n.get("statements").asInt()).isEqualTo(WORKLOAD.expected().statements());
    }

    @Test
    void aMissingFileIsAClearError() {
        Run r = run("parse", "/nonexistent/postgresql.log");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("/nonexistent/postgresql.log: no such file");
    }

    @Test
    void aDirectoryIsNamedAsOne(@TempDir Path tmp) {
        Run r = run("parse", tmp.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(tmp + ": is a directory");
    }

    @Test
    void aReplayFileIsKnownByItsMagicAndSummarisedWithItsIntegrity(@TempDir Path tmp) throws Exception {
        Path replay = tmp.resolve("capture.replay");
        assertThat(run("parse", WORKLOAD.capture().csv().toString(), "--out", replay.toString()).exit()).isZero();
        Path renamed = tmp.resolve("capture.log");
        java.nio.file.Files.copy(replay, renamed);
        Run r = run("parse", renamed.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.get("format").asText()).isEqualTo("replay");
        assertThat(n.get("verified").asBoolean()).isTrue();
        assertThat(n.get("statements").asInt()).isEqualTo(WORKLOAD.expected().statements());
        assertThat(n.get("executes").asInt()).isEqualTo(WORKLOAD.expected().executes());

        byte[] whole = java.nio.file.Files.readAllBytes(replay);
        java.nio.file.Files.write(renamed, java.util.Arrays.copyOf(whole, whole.length * 6 / 10));
        Run cut = run("parse", renamed.toString());
        assertThat(cut.exit()).isEqualTo(2);
        assertThat(cut.out()).contains("integrity").contains("truncated");
        assertThat(cut.err()).contains("truncated");
    }
}
