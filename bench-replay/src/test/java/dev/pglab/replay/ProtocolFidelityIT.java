package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.LogCapture;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.parser.LogParser;
import dev.pglab.parser.ParserOptions;
import dev.pglab.parser.ReplayItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Protocol fidelity, witnessed by the server: a real capture with one session per protocol (simple queries,
 * unnamed extended executes, named prepared statements) is replayed into a server that logs every statement
 * itself, and that log, parsed back, shows each session using the protocol it used in the capture, item by item;
 * while it runs, pg_prepared_statements shows the named statements prepared once each and used for every execute,
 * and no unnamed one ever prepared.
 */
@dev.pglab.harness.pg.WithPg
class ProtocolFidelityIT {
    private static final String PROBE = "/* pglab protocol probe */ ";
    private static final int EXECUTES = 8;

    @Test
    void aReplayUsesEachCapturedProtocolAgainAndPreparesNamedStatementsOnceUnderTheirName() throws Exception {
        CapturedLogs capture = LogCapture.capture("replay-protocols-v1", ProtocolFidelityIT::workload);
        List<ReplayItem> captured = parse(capture.csv());

        Map<String, String> snapshots = new ConcurrentHashMap<>();
        Map<String, Connection> connections = new ConcurrentHashMap<>();
        ExecutionListener probe = new ExecutionListener() {
            @Override
            public void connectionOpened(SessionInfo session, Connection connection) {
                connections.put(session.sessionId(), connection);
            }

            @Override
            public void executed(Execution e) {
                if (!(e.item() instanceof ReplayItem.Execute)) {
                    return;
                }
                try (Statement st = connections.get(e.sessionId()).createStatement();
                     ResultSet rs = st.executeQuery(PROBE + "select statement, generic_plans + custom_plans "
                             + "from pg_prepared_statements where not from_sql order by statement")) {
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " x" + rs.getLong(2));
                    }
                    snapshots.merge(e.sessionId() + "#" + e.sql(), String.join(", ", rows), (a, b) -> b);
                    snapshots.merge(e.sessionId() + "#all", String.join(", ", rows) + "\n", String::concat);
                } catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        };
        Path replayCache = Files.createTempDirectory("pglab-protocol-replay");
        ReplayReport[] report = new ReplayReport[1];
        CapturedLogs replayed = LogCapture.capture("replayed", server -> {
            Replay replay = new Replay(ReplayConfig.defaults().withSpeed(Speed.parse("max")),
                    ServerTarget.of(server, false), List.of(probe)); // the capture's user and database exist
            report[0] = replay.run(ReplaySource.of(captured, "protocol capture"));
        }, PgServerConfig.embedded(ServerProfile.CAPTURE), replayCache);

        assertThat(report[0].errors()).isZero();
        List<List<String>> before = protocolsPerSession(captured);
        List<List<String>> after = protocolsPerSession(parse(replayed.csv()).stream()
                .filter(i -> !sqlOf(i).startsWith(PROBE)).toList());
        // every kind is in the capture: simple, unnamed and named
        assertThat(before.stream().flatMap(List::stream).map(s -> s.substring(0, s.indexOf(' '))).distinct())
                .contains("simple", "unnamed", "named");
        assertThat(after).isEqualTo(before);

        // named: one server-side statement per captured one, prepared at the first execute and used by each later one
        List<String> namedSession = snapshots.entrySet().stream().filter(e -> e.getKey().endsWith("#all")
                && e.getValue().contains("k > $1")).map(Map.Entry::getValue).toList();
        assertThat(namedSession).hasSize(1);
        String[] lines = namedSession.getFirst().split("\n");
        assertThat(lines).hasSize(2 * EXECUTES);
        assertThat(lines[EXECUTES - 1]).isEqualTo("select count(*) from proto_t where k > $1 x" + EXECUTES);
        assertThat(lines[2 * EXECUTES - 1]).isEqualTo("select count(*) from proto_t where k > $1 x" + EXECUTES
                + ", select v from proto_t where k = $1 x" + EXECUTES);
        // unnamed: never prepared on the server, not even after PgJDBC's default threshold of 5 uses
        assertThat(snapshots.entrySet().stream().filter(e -> e.getKey().endsWith("#all")
                && !e.getValue().contains("k > $1")).map(Map.Entry::getValue).toList())
                .isNotEmpty().allSatisfy(v -> assertThat(v.replace("\n", "")).isEmpty());
    }

    @Test
    void aCapturedDeallocateClosesTheNamedStatementAndTheNextExecutePreparesItAgain(PgServer server) {
        var capture = new dev.pglab.replay.bench.ScriptedCapture();
        String sql = "select $1::int + 1";
        capture.session("d1", server.user(), server.database()).connect(0)
                .executeNamed(1, "S_1", sql, "1").executeNamed(2, "S_1", sql, "2")
                .statement(3, "deallocate \"S_1\"")
                .executeNamed(4, "S_1", sql, "3")
                .statement(5, "deallocate all")
                .executeNamed(6, "S_1", sql, "4")
                .executeNamed(7, "S_1", "select $1::int * 2", "5") // the name reused for other SQL
                .disconnect(8);
        List<String> prepared = new ArrayList<>();
        Map<String, Connection> connections = new ConcurrentHashMap<>();
        ExecutionListener probe = new ExecutionListener() {
            @Override
            public void connectionOpened(SessionInfo session, Connection connection) {
                connections.put(session.sessionId(), connection);
            }

            @Override
            public void executed(Execution e) {
                try (Statement st = connections.get(e.sessionId()).createStatement();
                     ResultSet rs = st.executeQuery("select string_agg(statement, ', ') from pg_prepared_statements "
                             + "where not from_sql")) {
                    rs.next();
                    prepared.add(String.valueOf(rs.getString(1)));
                } catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        };
        ReplayReport report = new Replay(ReplayConfig.defaults().withSpeed(Speed.parse("max")), ServerTarget.of(server, false),
                List.of(probe)).run(ReplaySource.of(capture.items(), "deallocate"));

        assertThat(report.errors()).isZero();
        assertThat(prepared).containsExactly(sql, sql, "null", sql, "null", sql, "select $1::int * 2");
    }

    /** Per session (in order of their first item), each statement as "protocol[name] sql". */
    private static List<List<String>> protocolsPerSession(List<ReplayItem> items) {
        Map<String, List<String>> bySession = new LinkedHashMap<>();
        for (ReplayItem i : items) {
            String p = switch (i) {
                case ReplayItem.Statement s -> "simple " + s.sql();
                case ReplayItem.Execute x -> (x.named() ? "named " + x.statementName() + " " : "unnamed ") + x.sql();
                default -> null;
            };
            if (p != null && !p.contains("application_name") && !p.contains("extra_float_digits")) {
                bySession.computeIfAbsent(i.sessionId(), k -> new ArrayList<>()).add(p);
            }
        }
        return bySession.values().stream().sorted(Comparator.comparing(l -> l.getFirst())).collect(Collectors.toList());
    }

    private static String sqlOf(ReplayItem i) {
        return switch (i) {
            case ReplayItem.Statement s -> s.sql();
            case ReplayItem.Execute x -> x.sql();
            default -> "";
        };
    }

    private static List<ReplayItem> parse(Path csv) {
        List<ReplayItem> items = new ArrayList<>();
        new LogParser(ParserOptions.defaults()).parse(csv, items::add);
        return items;
    }

    /** One session per protocol, one after the other. */
    private static void workload(PgServer server) throws SQLException {
        try (Connection c = server.connect(server.database(), Map.of("preferQueryMode", "simple"))) {
            try (Statement st = c.createStatement()) {
                st.execute("create table proto_t (k int primary key, v text)");
            }
            try (PreparedStatement ps = c.prepareStatement("insert into proto_t values (?, ?)")) {
                for (int k = 0; k < EXECUTES; k++) {
                    ps.setInt(1, k);
                    ps.setString(2, "v" + k);
                    ps.executeUpdate();
                }
            }
        }
        try (Connection c = server.connect(server.database(), Map.of("preferQueryMode", "extended", "prepareThreshold", "0"));
             PreparedStatement ps = c.prepareStatement("select k, v from proto_t where k = ?")) {
            for (int k = 0; k < EXECUTES; k++) {
                ps.setInt(1, k);
                ps.executeQuery().close();
            }
        }
        try (Connection c = server.connect(server.database(), Map.of("preferQueryMode", "extended", "prepareThreshold", "1"));
             PreparedStatement count = c.prepareStatement("select count(*) from proto_t where k > ?");
             PreparedStatement value = c.prepareStatement("select v from proto_t where k = ?")) {
            for (PreparedStatement ps : List.of(count, value)) {
                for (int k = 0; k < EXECUTES; k++) {
                    ps.setInt(1, k);
                    ps.executeQuery().close();
                }
            }
        }
    }
}
