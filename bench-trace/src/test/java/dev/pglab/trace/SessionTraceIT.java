package dev.pglab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.pg.WithPg;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithPg({ServerProfile.CAPTURE, ServerProfile.OBSERVE})
class SessionTraceIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTracedSessionGetsCursorsBindsServerDetailAndPlans(PgServer server, @TempDir Path dir) throws Exception {
        server.execute("create extension if not exists pg_stat_statements", "drop table if exists tr_acct", "create table tr_acct(id int primary key, bal int not null)",
                "insert into tr_acct select g, 0 from generate_series(1, 1000) g", "analyze tr_acct");
        try (Tracer tracer = Tracer.start(TraceConfig.defaults(dir), server::connect)) {
            try (Connection c = tracer.trace(server.connect(), "tpcb-1")) {
                c.setAutoCommit(false);
                for (int i = 1; i <= 3; i++) {
                    try (PreparedStatement up = c.prepareStatement("update tr_acct set bal = bal + ? where id = ?");
                         PreparedStatement sel = c.prepareStatement("select bal from tr_acct where id = ?")) {
                        up.setInt(1, 10);
                        up.setInt(2, i);
                        assertThat(up.executeUpdate()).isEqualTo(1);
                        sel.setInt(1, i);
                        try (ResultSet rs = sel.executeQuery()) {
                            while (rs.next()) {
                                rs.getInt(1);
                            }
                        }
                    }
                    c.commit();
                }
            }
            TraceRun run = tracer.finish();
            assertThat(run.sessionFiles()).hasSize(1);
        }
        String text = Files.readString(dir.resolve("tpcb-1.trc"));
        assertThat(text).contains("*** parts: client calls").contains("server detail").doesNotContain("*** missing");
        List<JsonNode> events = events(dir.resolve("tpcb-1.trace.jsonl"));
        List<JsonNode> parses = of(events, "parse");
        // one cursor per distinct statement: update, select, commit
        assertThat(parses).extracting(p -> p.get("sql").asText())
                .containsExactly("update tr_acct set bal = bal + $1 where id = $2", "select bal from tr_acct where id = $1", "COMMIT");
        List<JsonNode> execs = of(events, "exec");
        assertThat(execs).hasSize(9);
        for (JsonNode x : execs) {
            int cursor = x.get("cursor").asInt();
            if (cursor == 3) {
                assertThat(x.get("server").isNull()).as("COMMIT has no plan").isTrue();
            } else {
                assertThat(x.get("server").isNull()).as("exec %s", x).isFalse();
                assertThat(x.get("rows").asLong()).isEqualTo(1);
                assertThat(x.get("server").get("elapsedMicros").asLong()).isLessThanOrEqualTo(x.get("e").asLong());
                assertThat(x.get("server").get("sharedHit").asLong()).isPositive();
            }
        }
        assertThat(of(events, "binds").getFirst().get("sets").get(0).get(1).get("value").asText()).isEqualTo("1");
        assertThat(of(events, "stat")).anyMatch(s -> s.get("node").get("operation").asText().contains("tr_acct_pkey"));
        assertThat(text).contains("STAT #2 id=1 pid=0 op='Index Scan using tr_acct_pkey on tr_acct' cnt=1 plan_rows=1 loops=1");
        assertThat(of(events, "close").getFirst().get("calls").asInt()).isEqualTo(9);
    }

    @Test
    void aLockWaitOfKnownLengthLandsInTheWaitingExecution(PgServer server, @TempDir Path dir) throws Exception {
        server.execute("drop table if exists tr_lock", "create table tr_lock(id int primary key, v int)",
                "insert into tr_lock values (1, 0)");
        long heldMillis = 400;
        try (Tracer tracer = Tracer.start(TraceConfig.defaults(dir).withStatementStats(false), server::connect);
             Connection holder = server.connect()) {
            Connection victim = tracer.trace(server.connect(), "victim");
            int victimPid;
            try (Statement st = victim.createStatement()) {
                st.execute("select 1");
                victimPid = victim.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            }
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.executeUpdate("update tr_lock set v = 1 where id = 1");
            }
            CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
                try (PreparedStatement ps = victim.prepareStatement("update tr_lock set v = 2 where id = ?")) {
                    ps.setInt(1, 1);
                    return ps.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitLockWait(server, victimPid);
            Thread.sleep(heldMillis);
            holder.commit();
            assertThat(blocked.get()).isEqualTo(1);
            try (Statement st = victim.createStatement()) {
                st.execute("select 2");
            }
            victim.close();
            tracer.finish();
        }
        List<JsonNode> events = events(dir.resolve("victim.trace.jsonl"));
        int updateCursor = of(events, "parse").stream().filter(p -> p.get("sql").asText().startsWith("update"))
                .findFirst().orElseThrow().get("cursor").asInt();
        JsonNode exec = of(events, "exec").stream().filter(x -> x.get("cursor").asInt() == updateCursor).findFirst().orElseThrow();
        List<JsonNode> lockWaits = of(events, "wait").stream()
                .filter(w -> w.get("event").asText().equals("Lock:transactionid")).toList();
        assertThat(lockWaits).as("lock waits").hasSize(1);
        JsonNode wait = lockWaits.getFirst();
        assertThat(wait.get("cursor").asInt()).isEqualTo(updateCursor);
        long ela = wait.get("ela").asLong();
        long clientElapsed = exec.get("e").asLong();
        assertThat(clientElapsed).isGreaterThanOrEqualTo(heldMillis * 1000);
        // estimate at the sampler's resolution: within a quarter of the truth, never beyond the call itself
        assertThat(ela).isBetween(clientElapsed * 3 / 4, clientElapsed + 2 * wait.get("period").asLong());
        assertThat(Files.readString(dir.resolve("victim.trc")))
                .contains("WAIT #" + updateCursor + ": nam='Lock:transactionid' ela≈");
    }

    @Test
    void bindValuesOfEveryTypeRoundTripExactly(PgServer server, @TempDir Path dir) throws Exception {
        List<Object> values = List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, (short) -7, true, false,
                Float.NaN, -0.0f, Float.MIN_VALUE, Double.POSITIVE_INFINITY, Math.PI, 1e-300,
                new BigDecimal("12345678901234567890.000100"), new BigDecimal("-0.5"),
                "", "quote ' \" back\\slash\nnew line\ttab", "unicode ✓ 日本 \uD83D\uDE00",
                new byte[] {0, 1, (byte) 0xff, 10}, LocalDate.of(1999, 12, 31), LocalTime.of(23, 59, 58, 123456000),
                LocalDateTime.of(2024, 2, 29, 12, 0, 0, 1000), OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        List<Object> returned = new ArrayList<>();
        try (Tracer tracer = Tracer.start(TraceConfig.clientOnly(dir), server::connect);
             Connection c = tracer.trace(server.connect(), "binds")) {
            for (Object v : values) {
                try (PreparedStatement ps = c.prepareStatement("select ?")) {
                    ps.setObject(1, v);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        Class<?> type = v.getClass();
                        returned.add(rs.getObject(1, type));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select ?::int")) {
                ps.setNull(1, Types.INTEGER);
                ps.executeQuery().close();
            }
            tracer.finish();
        }
        List<JsonNode> binds = of(events(dir.resolve("binds.trace.jsonl")), "binds");
        assertThat(binds).hasSize(values.size() + 1);
        for (int i = 0; i < values.size(); i++) {
            Bind bind = JSON.treeToValue(binds.get(i).get("sets").get(0).get(0), Bind.class);
            Object decoded = BindCodec.decode(bind);
            Object sent = values.get(i);
            if (sent instanceof byte[] bytes) {
                assertThat((byte[]) decoded).containsExactly(bytes);
                assertThat((byte[]) returned.get(i)).containsExactly(bytes);
            } else {
                assertThat(decoded).as("trace of %s", sent).isEqualTo(sent);
                assertThat(returned.get(i)).as("server's %s", sent).satisfies(r -> sameValue(sent, r));
            }
        }
        Bind nullBind = JSON.treeToValue(binds.get(values.size()).get("sets").get(0).get(0), Bind.class);
        assertThat(nullBind).isEqualTo(new Bind(0, "int4", null));
    }

    private static void sameValue(Object sent, Object got) {
        switch (sent) {
            case BigDecimal d -> assertThat((BigDecimal) got).isEqualByComparingTo(d);
            case OffsetDateTime t -> assertThat(((OffsetDateTime) got).isEqual(t)).isTrue();
            default -> assertThat(got).isEqualTo(sent);
        }
    }

    @Test
    void statLinesMatchExplainAnalyzeNodeForNode(PgServer server, @TempDir Path dir) throws Exception {
        server.execute("drop table if exists tr_a", "drop table if exists tr_b",
                "create table tr_b(id int primary key, name text)",
                "create table tr_a(id int primary key, b_id int references tr_b)",
                "insert into tr_b select g, 'b' || g from generate_series(1, 200) g",
                "insert into tr_a select g, 1 + g % 200 from generate_series(1, 5000) g", "analyze tr_a", "analyze tr_b");
        String sql = "select b.name, count(*) from tr_a a join tr_b b on b.id = a.b_id where a.id < ? group by b.name order by 2 desc, 1";
        try (Tracer tracer = Tracer.start(TraceConfig.defaults(dir).withWaits(false), server::connect);
             Connection c = tracer.trace(server.connect(), "plan")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, 1500);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
            }
            c.close();
            tracer.finish();
        }
        JsonNode explain = JSON.readTree(server.query("explain (analyze, timing off, format json) "
                + sql.replace("?", "1500"))).get(0).get("Plan");
        List<String> expected = new ArrayList<>();
        List<Double> expectedRows = new ArrayList<>();
        walk(explain, expected, expectedRows);
        List<JsonNode> stats = of(events(dir.resolve("plan.trace.jsonl")), "stat");
        assertThat(stats).extracting(s -> s.get("node").get("nodeType").asText() + " "
                + s.get("node").get("operation").asText()).containsExactlyElementsOf(expected);
        assertThat(stats).extracting(s -> s.get("node").get("actualRows").asDouble()).containsExactlyElementsOf(expectedRows);
    }

    private static void walk(JsonNode node, List<String> names, List<Double> rows) {
        names.add(node.get("Node Type").asText() + " " + ServerPlan.operation(node));
        rows.add(node.get("Actual Rows").asDouble());
        for (JsonNode child : node.path("Plans")) {
            walk(child, names, rows);
        }
    }

    @Test
    void withoutSuperuserTheTraceIsPartialAndSaysWhatIsMissing(PgServer server, @TempDir Path dir) throws Exception {
        server.execute("drop role if exists tr_plain", "create role tr_plain login",
                "grant select on all tables in schema public to tr_plain");
        ConnectionSource plain = () -> server.connect(server.database(), Map.of("user", "tr_plain"));
        Path jsonLog = server.logFiles().require("json");
        try (Tracer tracer = Tracer.start(TraceConfig.defaults(dir).withJsonLog(jsonLog), plain);
             Connection c = tracer.trace(plain.open(), "plain")) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from pg_class")) {
                rs.next();
            }
            c.close();
            TraceRun run = tracer.finish();
            assertThat(run.sessionFiles()).hasSize(1);
        }
        String text = Files.readString(dir.resolve("plain.trc"));
        assertThat(text).containsPattern("\\*\\*\\* missing: server detail \\(auto_explain.*\\): auto_explain cannot be"
                + " enabled on this session: .*permission denied to set parameter \"auto_explain\\.");
        assertThat(text).contains("PARSING IN CURSOR #1").containsPattern("EXEC #1:e=\\d+,r=1,dep=0,tim=\\d+\n");
        assertThat(text).doesNotContain(",se=");
        assertThat(text).contains("*** parts: client calls (SQL, binds, e=, rows, errors), waits (sampled)");
    }

    private static void awaitLockWait(PgServer server, int pid) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if ("Lock".equals(server.query("select wait_event_type from pg_stat_activity where pid = " + pid))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("backend " + pid + " never waited on the lock");
    }

    static List<JsonNode> events(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    static List<JsonNode> of(List<JsonNode> events, String kind) {
        Predicate<JsonNode> p = e -> e.get("ev").asText().equals(kind);
        return events.stream().filter(p).toList();
    }
}
