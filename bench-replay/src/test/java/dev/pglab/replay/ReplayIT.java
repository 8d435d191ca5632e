package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.WithPg;
import dev.pglab.parser.ReplayItem;
import dev.pglab.replay.bench.ScriptedCapture;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The replay engine against a real PostgreSQL, with hand-written captures whose every item is known. */
@WithPg
class ReplayIT {

    @Test
    void runsStatementsAndUntypedExecutesPerSessionRecordsErrorsAndGoesOn(PgServer server) throws Exception {
        ScriptedCapture capture = new ScriptedCapture();
        capture.session("a.1", "replay_app", "replay_db").connect(0)
                .statement(5, "drop table if exists replayed")
                .statement(10, "create table replayed (id int primary key, name text, at timestamptz, doc jsonb)")
                .execute(20, "insert into replayed values ($1, $2, $3, $4)", "1", "it's", "2024-01-02 03:04:05+00", "{\"k\": 1}")
                .execute(30, "insert into replayed values ($1, $2, $3, $4)", "2", null, null, null)
                .statement(40, "select * from no_such_table")
                .execute(50, "insert into replayed values ($1, $2, $3, $4)", "3", "after the error", null, "{}")
                .execute(60, "select id from replayed where doc ? $1 and id = $2", "k", "1")
                .execute(70, "select $1::int + $1::int as twice", "21")
                .disconnect(80);
        capture.session("b.2", "replay_app", "replay_db").connect(5)
                .statement(10, "select generate_series(1, 5)")
                .statement(20, "begin")
                .statement(30, "create temporary table mine (x int) on commit drop")
                .statement(40, "insert into mine values (4)")
                .statement(50, "commit");
        // session b has no disconnect: it is closed at the end
        RecordingListener rec = new RecordingListener();
        ReplayReport report;
        try (ServerTarget target = ServerTarget.of(server, true)) {
            report = new Replay(ReplayConfig.defaults(), target, List.of(rec))
                    .run(ReplaySource.of(capture.items(), "scripted"));
        }

        assertThat(report.endReason()).isEqualTo("completed");
        assertThat(rec.executions).filteredOn(Execution::failed).extracting(e -> e.sql() + " -> " + e.sqlState())
                .containsExactly("select * from no_such_table -> 42P01");
        assertThat(report.statements()).isEqualTo(8);
        assertThat(report.executes()).isEqualTo(5);
        assertThat(report.errors()).isEqualTo(1);
        assertThat(report.errorsBySqlState()).containsExactly(Map.entry("42P01", 1L));
        assertThat(report.sessionCount()).isEqualTo(2);
        assertThat(report.connects()).isEqualTo(2);
        assertThat(report.disconnects()).isEqualTo(1);
        assertThat(report.sessions()).extracting(SessionSummary::id, SessionSummary::statements, SessionSummary::errors)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a.1", 3L, 1L), org.assertj.core.groups.Tuple.tuple("b.2", 5L, 0L));
        assertThat(rec.opened).extracting(SessionInfo::user).containsOnly("replay_app");
        assertThat(rec.closing).hasSize(2);
        assertThat(rec.opened).allSatisfy(s -> assertThat(s.backendPid()).isPositive());

        List<Execution> a = rec.of("a.1");
        assertThat(a).extracting(Execution::sqlState).containsExactly(null, null, null, null, "42P01", null, null, null);
        assertThat(a.get(5).rows()).isEqualTo(1); // insert after the error: the session went on
        assertThat(a.get(6).rows()).isEqualTo(1); // the jsonb ? operator survived PgJDBC's placeholder parsing
        assertThat(a.get(7).rows()).isEqualTo(1);
        assertThat(rec.of("b.2").get(0).rows()).isEqualTo(5);

        try (Connection c = server.connect("replay_db"); Statement st = c.createStatement();
             var rs = st.executeQuery("select id, name, at, doc::text from replayed order by id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + (rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant())
                        + "|" + rs.getString(4));
            }
            assertThat(rows).startsWith("1|it's|2024-01-02T03:04:05Z|{\"k\": 1}", "2|null|null|null",
                    "3|after the error|null|{}");
            assertThat(rows).hasSize(3);
        }
    }

    @Test
    void theReportHoldsTheIssuesKeysHistogramsSlowdownAndTheMetricsEndpointServesThem(PgServer server,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        ScriptedCapture capture = new ScriptedCapture();
        capture.session("k.1", "postgres", "postgres").connect(0)
                .statement(1, "select pg_sleep(0.02) /* k1 */", 0.5) // captured at 0.5 ms, now about 20 ms
                .statement(2, "select 1 /* fast */", 0.05)
                .statement(3, "select pg_sleep(0.02) /* k1 again */", 0.5)
                .statement(4, "select * from missing")
                .disconnect(5);
        Replay replay = new Replay(ReplayConfig.defaults(), ServerTarget.of(server, false), List.of());
        ExecutionLog log = new ExecutionLog(dir.resolve("executions.csv"), replay);
        replay.addListener(log);
        try (MetricsEndpoint metrics = MetricsEndpoint.start(replay, 0)) {
            ReplayReport report = replay.run(ReplaySource.of(capture.items(), "scripted"));
            log.close();
            ReportWriter.write(report, dir);
            var http = java.net.http.HttpClient.newHttpClient();
            String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + metrics.port() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).contains("pglab_replay_executed_total{kind=\"statement\"} 4",
                    "pglab_replay_errors_total{sqlstate=\"42P01\"} 1", "pglab_replay_lateness_seconds{quantile=\"0.99\"}");
        }
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("replay.json").toFile());
        for (String key : List.of("mode", "speed", "statements", "executes", "errors", "sessions", "capturedSeconds", "wallSeconds")) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("statements").asLong()).isEqualTo(4);
        assertThat(json.get("errors").asLong()).isEqualTo(1);
        assertThat(json.get("mode").asText()).isEqualTo("commit");
        assertThat(json.get("speed").asText()).isEqualTo("1");
        for (String key : List.of("p50Ms", "p99Ms", "maxMs")) {
            assertThat(json.get("lateness").has(key)).as(key).isTrue();
        }
        var session = json.get("sessions").get(0);
        for (String key : List.of("id", "statements", "errors", "latenessP99Ms", "latenessMaxMs")) {
            assertThat(session.has(key)).as(key).isTrue();
        }
        assertThat(session.get("id").asText()).isEqualTo("k.1");
        var slowdown = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        json.get("slowdown").forEach(slowdown::add);
        assertThat(slowdown).extracting(n -> n.get("fingerprint").asText()).containsExactlyInAnyOrder("select pg_sleep(?)", "select ?");
        var sleep = slowdown.stream().filter(n -> n.get("fingerprint").asText().equals("select pg_sleep(?)")).findFirst().orElseThrow();
        assertThat(sleep.get("count").asLong()).isEqualTo(2);
        assertThat(sleep.get("capturedMeanMs").asDouble()).isEqualTo(0.5);
        assertThat(sleep.get("ratio").asDouble()).isGreaterThan(20); // slept 20 ms where the capture took 0.5
        for (String f : List.of("lateness.hgrm", "response.hgrm", "service.hgrm", "connect.hgrm", "summary.txt")) {
            assertThat(dir.resolve(f)).isNotEmptyFile();
        }
        assertThat(java.nio.file.Files.readString(dir.resolve("summary.txt"))).contains("slowdown", "select pg_sleep(?)");
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("executions.csv"))).hasSize(5)
                .last().asString().contains(",42P01,select * from missing");
    }

    @Test
    void simpleStatementsUseTheSimpleProtocolAndExecutesTheExtendedOne(PgServer server) throws Exception {
        // a multi-statement string is only legal in the simple protocol; $1 only in the extended one
        ScriptedCapture capture = new ScriptedCapture();
        capture.session("p.1", "postgres", "postgres")
                .statement(0, "select 1; select 2")
                .execute(1, "select $1 || 'x'", "a");
        RecordingListener rec = new RecordingListener();
        new Replay(ReplayConfig.defaults().withSpeed(Speed.MAX), ServerTarget.of(server, false), List.of(rec))
                .run(ReplaySource.of(capture.items(), "scripted"));
        assertThat(rec.executions).extracting(Execution::sqlState).containsOnlyNulls();
        assertThat(rec.executions).extracting(Execution::rows).containsExactly(2L, 1L);
    }

    @Test
    void itemsStartNoEarlierThanDueAndDueFollowsTheCaptureTimesOverSpeed(PgServer server) {
        ScriptedCapture capture = new ScriptedCapture();
        var s = capture.session("t.1", "postgres", "postgres");
        for (int i = 0; i < 6; i++) {
            s.statement(i * 100, "select " + i);
        }
        RecordingListener rec = new RecordingListener();
        Replay replay = new Replay(ReplayConfig.defaults().withSpeed(new Speed(2)), ServerTarget.of(server, false), List.of(rec));
        ReplayReport report = replay.run(ReplaySource.of(capture.items(), "scripted"));
        List<Execution> ex = List.copyOf(rec.executions);
        assertThat(ex).hasSize(6);
        for (int i = 0; i < ex.size(); i++) {
            Execution e = ex.get(i);
            assertThat(e.dueNanos() - replay.startNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(i * 50L));
            assertThat(e.startNanos()).isGreaterThanOrEqualTo(e.dueNanos());
        }
        assertThat(report.capturedSeconds()).isEqualTo(0.5);
        assertThat(report.wallSeconds()).isGreaterThanOrEqualTo(0.25);
    }

    @Test
    void maxIdleJumpsOverLongGapsAndTheWindowSelectsItems(PgServer server) {
        ScriptedCapture capture = new ScriptedCapture(1_700_000_000_000_000L);
        capture.session("g.1", "postgres", "postgres")
                .statement(0, "select 'before the window'")
                .statement(1_000, "select 1")
                .statement(61_000, "select 2") // a minute of idle
                .statement(61_100, "select 3")
                .statement(200_000, "select 'after the window'");
        RecordingListener rec = new RecordingListener();
        Instant from = Instant.ofEpochSecond(1_700_000_000L, 500_000_000);
        Instant to = Instant.ofEpochSecond(1_700_000_100L);
        Replay replay = new Replay(ReplayConfig.defaults().withMaxIdle(Duration.ofMillis(200))
                .withWindow(Optional.of(from), Optional.of(to)), ServerTarget.of(server, false), List.of(rec));
        ReplayReport report = replay.run(ReplaySource.of(capture.items(), "scripted"));
        assertThat(rec.executions).extracting(Execution::sql).containsExactly("select 1", "select 2", "select 3");
        assertThat(rec.executions).extracting(e -> (e.dueNanos() - replay.startNanos()) / 1_000_000)
                .containsExactly(0L, 200L, 300L);
        assertThat(report.outOfWindow()).isEqualTo(1);
        assertThat(report.skippedIdleSeconds()).isEqualTo(59.8);
        assertThat(report.wallSeconds()).isLessThan(30); // not the minute of idle
    }

    @Test
    void theReaderRunsOnlyTheLookAheadWindowAheadOfTheReplayClock(PgServer server) {
        ScriptedCapture capture = new ScriptedCapture();
        var s = capture.session("w.1", "postgres", "postgres");
        for (int i = 0; i < 10; i++) {
            s.statement(i * 100, "select " + i);
        }
        List<ReplayItem> items = capture.items();
        long[] pulledAt = new long[items.size()];
        Replay[] replay = new Replay[1];
        Iterator<ReplayItem> it = items.iterator();
        ReplaySource watched = new ReplaySource() {
            int n;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public ReplayItem next() {
                pulledAt[n++] = System.nanoTime() - replay[0].startNanos();
                return it.next();
            }

            @Override
            public String describe() {
                return "watched";
            }
        };
        replay[0] = new Replay(ReplayConfig.defaults().withLookahead(Duration.ofMillis(150)), ServerTarget.of(server, false), List.of());
        replay[0].run(watched);
        // item k+1 is read only once item k was handed out, i.e. no earlier than due(k) - look-ahead
        for (int k = 0; k + 1 < items.size(); k++) {
            assertThat(pulledAt[k + 1]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(k * 100L - 150));
        }
    }

    @Test
    void aRefusedConnectionFailsOnlyItsSessionAndIsCounted(PgServer server) {
        ScriptedCapture capture = new ScriptedCapture();
        capture.session("r.1", "no_such_user", "postgres").connect(0).statement(1, "select 1").statement(2, "select 2").disconnect(3);
        capture.session("r.2", "postgres", "no_such_db").statement(1, "select 1");
        capture.session("ok.3", "postgres", "postgres").connect(0).statement(1, "select 1").disconnect(3);
        ReplayReport report = new Replay(ReplayConfig.defaults().withSpeed(Speed.MAX), ServerTarget.of(server, false), List.of())
                .run(ReplaySource.of(capture.items(), "scripted"));
        assertThat(report.endReason()).isEqualTo("completed");
        assertThat(report.connectionsRefused()).isEqualTo(2);
        assertThat(report.refusedBySqlState()).containsOnlyKeys("28000", "3D000");
        assertThat(report.statements()).isEqualTo(1);
        assertThat(report.skipped()).isEqualTo(3);
        assertThat(report.sessions()).filteredOn(x -> x.refused() != null).extracting(SessionSummary::id)
                .containsExactlyInAnyOrder("r.1", "r.2");
    }

    @Test
    void userAndDatabaseMapsRedirectSessions(PgServer server) {
        ScriptedCapture capture = new ScriptedCapture();
        capture.session("m.1", "prod_user", "prod_db").connect(0).statement(1, "select current_user || '@' || current_database()");
        RecordingListener rec = new RecordingListener();
        ReplayReport report = new Replay(ReplayConfig.defaults().withSpeed(Speed.MAX)
                .withMaps(Map.of("prod_user", "postgres"), Map.of("prod_db", "postgres")),
                ServerTarget.of(server, false), List.of(rec)).run(ReplaySource.of(capture.items(), "scripted"));
        assertThat(report.connectionsRefused()).isZero();
        assertThat(rec.opened).extracting(SessionInfo::user, SessionInfo::database)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("postgres", "postgres"));
    }

    @Test
    void stopCancelsRunningStatementsAndStillReportsWhatRan(PgServer server) throws Exception {
        ScriptedCapture capture = new ScriptedCapture();
        capture.session("s.1", "postgres", "postgres").statement(0, "select 1").statement(10, "select pg_sleep(30)")
                .statement(20_000, "select 'never'");
        capture.session("s.2", "postgres", "postgres").statement(5, "select 2").statement(25_000, "select 'never'");
        Replay replay = new Replay(ReplayConfig.defaults(), ServerTarget.of(server, false), List.of());
        CompletableFuture<ReplayReport> running = CompletableFuture.supplyAsync(() -> replay.run(ReplaySource.of(capture.items(), "scripted")));
        while (replay.metrics().executed() < 2) {
            Thread.sleep(10);
        }
        Thread.sleep(200); // the sleep is running now
        long stoppedAt = System.nanoTime();
        replay.stop();
        ReplayReport report = running.get(20, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt)).isLessThan(10);
        assertThat(report.endReason()).isEqualTo("stopped");
        assertThat(report.statements()).isEqualTo(3); // select 1, select 2, the cancelled sleep
        assertThat(report.errorsBySqlState()).containsOnlyKeys("57014");
        assertThat(report.sessions()).hasSize(2);
    }

    @Test
    void theServerGoingAwayEndsTheReplayCleanly() throws Exception {
        PgServer doomed = PgServer.start(PgServerConfig.embedded());
        ScriptedCapture capture = new ScriptedCapture();
        for (int s = 0; s < 3; s++) {
            var session = capture.session("d." + s, "postgres", "postgres").connect(0);
            for (int i = 0; i < 100; i++) {
                session.statement(i * 50, "select " + i);
            }
        }
        Replay replay = new Replay(ReplayConfig.defaults(), ServerTarget.of(doomed, false), List.of());
        CompletableFuture<ReplayReport> running = CompletableFuture.supplyAsync(() -> replay.run(ReplaySource.of(capture.items(), "scripted")));
        while (replay.metrics().executed() < 10) {
            Thread.sleep(10);
        }
        doomed.close();
        ReplayReport report = running.get(30, TimeUnit.SECONDS);
        assertThat(report.endReason()).isEqualTo("server gone");
        assertThat(report.statements()).isBetween(10L, 299L);
        assertThat(report.statements() + report.skipped()).isLessThanOrEqualTo(300);
    }
}
