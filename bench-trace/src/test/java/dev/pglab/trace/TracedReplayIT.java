package dev.pglab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.pg.WithPg;
import dev.pglab.parser.LogParser;
import dev.pglab.parser.ParserOptions;
import dev.pglab.parser.ReplayItem;
import dev.pglab.replay.Replay;
import dev.pglab.replay.ReplayConfig;
import dev.pglab.replay.ReplayReport;
import dev.pglab.replay.ReplaySource;
import dev.pglab.replay.ServerTarget;
import dev.pglab.trace.bench.TraceCaptures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real capture parsed by bench-parser and replayed by the replay engine with the trace hooked in: one trace per
 * replayed session, server detail for every executor statement, and the capture's lock wait in the waiter's
 * UPDATE.
 */
@WithPg({ServerProfile.CAPTURE, ServerProfile.OBSERVE})
class TracedReplayIT {

    @Test
    void theReplayedLockWaitLandsInTheWaitingSessionsUpdate(PgServer server, @TempDir Path dir) throws Exception {
        CapturedLogs logs = TraceCaptures.transfers();
        List<ReplayItem> items = new ArrayList<>();
        new LogParser(ParserOptions.defaults()).parse(logs.file("json"), items::add);
        server.execute("drop table if exists trc_acct");
        ReplayReport report;
        TraceRun run;
        try (ServerTarget target = ServerTarget.of(server, true);
             Tracer tracer = Tracer.start(TraceConfig.defaults(dir), server::connect)) {
            Replay replay = new Replay(ReplayConfig.defaults(), target, List.of(new TraceListener(tracer)));
            report = replay.run(ReplaySource.of(items, "trace-transfers"));
            run = tracer.finish();
        }
        assertThat(report.endReason()).isEqualTo("completed");
        assertThat(report.errors()).as("errors %s; traces: %s", report.errorsBySqlState(), errorsIn(dir)).isZero();
        assertThat(run.sessionFiles()).hasSize(4);
        TraceProfile profile = TraceProfile.of(dir);
        TraceProfile.StatementProfile transfer = profile.statements().stream()
                .filter(s -> s.shape().equals("update trc_acct set bal = bal + ? where id = ?")).findFirst().orElseThrow();
        assertThat(transfer.calls()).isEqualTo(2);
        assertThat(transfer.serverCalls()).isEqualTo(2);
        assertThat(transfer.rows()).isEqualTo(2);
        assertThat(transfer.waits()).containsKey("Lock:transactionid");
        assertThat(transfer.waits().get("Lock:transactionid")).isGreaterThan(TraceCaptures.HOLD_MILLIS * 1000 / 2);
        TraceProfile.StatementProfile select = profile.statements().stream()
                .filter(s -> s.shape().equals("select bal from trc_acct where id = ?")).findFirst().orElseThrow();
        assertThat(select.calls()).isEqualTo(9);
        assertThat(select.serverCalls()).isEqualTo(9);
        assertThat(select.rows()).isEqualTo(9);

        // the profile file the HTML report reads: the same numbers, under a schema, with name and module
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(profile.writeJson("t", "bench-trace", "d").toFile());
        assertThat(json.get("schema").asText()).isEqualTo(TraceProfile.SCHEMA);
        assertThat(json.get("name").asText()).isEqualTo("t");
        assertThat(json.get("module").asText()).isEqualTo("bench-trace");
        assertThat(json.get("statements")).hasSize(profile.statements().size());
        assertThat(json.get("statements").get(0).get("shape").asText()).isEqualTo(profile.statements().getFirst().shape());
        assertThat(json.get("sessions")).hasSize(4);
        var jsonTransfer = java.util.stream.StreamSupport.stream(json.get("statements").spliterator(), false)
                .filter(s -> s.get("shape").asText().equals(transfer.shape())).findFirst().orElseThrow();
        assertThat(jsonTransfer.get("waits").get("Lock:transactionid").asLong())
                .isEqualTo(transfer.waits().get("Lock:transactionid"));
    }

    private static String errorsIn(Path dir) throws Exception {
        StringBuilder s = new StringBuilder();
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".trc")).toList()) {
                for (String line : java.nio.file.Files.readAllLines(f)) {
                    if (line.startsWith("ERROR") || line.startsWith("PARSING") || line.startsWith("EXEC")) {
                        s.append(f.getFileName()).append(": ").append(line).append('\n');
                    }
                }
            }
        }
        return s.toString();
    }
}
