package dev.pglab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.trace.bench.TraceCaptures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `pglab replay LOG --target embedded --trace DIR` over a real capture, then `pglab trace report DIR`: the capture's
 * lock wait, replayed at its own pace, shows up as a Lock wait of the waiting session's UPDATE.
 */
class TracedReplayIT {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = PglabCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream oldErr = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int exit = cl.execute(args);
            return new String[] {Integer.toString(exit), out.toString(), err.toString(java.nio.charset.StandardCharsets.UTF_8)};
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void aTracedReplayOfACaptureShowsTheReplayedLockWait(@TempDir Path dir) throws Exception {
        CapturedLogs logs = TraceCaptures.transfers();
        Path traces = dir.resolve("traces");
        String[] replay = run("replay", logs.file("json").toString(), "--target", "embedded", "--trace", traces.toString(),
                "--progress", "0");
        assumeFalse((replay[1] + replay[2]).contains("not merged yet"), "the replay reads logs once bench-parser is wired in");
        // complete: the embedded server has every part a trace needs (a partial trace would exit 3)
        assertThat(replay[0]).as(replay[1] + replay[2]).isEqualTo("0");
        assertThat(replay[2]).doesNotContain("trace missing", "partial");
        assertThat(traces.resolve("pg_stat_statements.json")).isNotEmptyFile();
        List<Path> files;
        try (Stream<Path> s = Files.list(traces)) {
            files = s.filter(p -> p.toString().endsWith(".trc")).sorted().toList();
        }
        assertThat(files).hasSize(4);
        String[] report = run("trace", "report", "--json", traces.toString());
        assertThat(report[0]).as(report[2]).isEqualTo("0");
        JsonNode transfer = null;
        for (JsonNode s : new ObjectMapper().readTree(report[1]).get("statements")) {
            if (s.get("shape").asText().equals("update trc_acct set bal = bal + ? where id = ?")) {
                transfer = s;
            }
        }
        assertThat(transfer).as(report[1]).isNotNull();
        assertThat(transfer.get("calls").asLong()).isEqualTo(2);
        assertThat(transfer.get("serverCalls").asLong()).isEqualTo(2);
        assertThat(transfer.get("waits").path("Lock:transactionid").asLong()).as(transfer.toString())
                .isGreaterThan(TraceCaptures.HOLD_MILLIS * 1000 / 2);
    }
}
