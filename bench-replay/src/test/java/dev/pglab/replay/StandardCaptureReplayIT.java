package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.LogCapture;
import dev.pglab.fixtures.logs.StandardWorkload;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.WithPg;
import dev.pglab.parser.ReplayItem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A real capture (fixtures' standard workload: simple and extended protocol, named and unnamed statements,
 * NULL / bytea / timestamptz / 8 KB parameters, transactions, errors, a cancelled statement, SQL-level PREPARE,
 * a refused connection) replayed from its csvlog through bench-parser: every statement and execute runs, and the
 * rows the target ends up with are the rows the original clients wrote, byte for byte.
 */
@WithPg
class StandardCaptureReplayIT {
    private static final StandardWorkload W = StandardWorkload.DEFAULT;

    @Test
    void everyStatementAndExecuteOfTheCaptureRunsAndWritesTheOriginalRows(PgServer server) throws Exception {
        CapturedLogs logs = LogCapture.standard();
        StandardWorkload.Expected expected = W.expected();
        String db = "replay_standard";
        server.execute("drop database if exists " + db, "create database " + db);

        // sessions depend on each other (the setup session's create table comes 0.1 s before the first insert in
        // the capture), and a per-session replay keeps their order only as far as the gaps, stretched by 1/speed,
        // exceed what a statement on a fresh connection costs the target: measured now, as load stretches it too
        double speed = Math.min(0.5, 0.1 / (4 * freshConnectionStatementSeconds(server)));
        RecordingListener rec = new RecordingListener();
        ReplayReport report;
        try (ReplaySource source = ReplaySources.open(logs.csv(), Optional.empty())) {
            Replay replay = new Replay(ReplayConfig.defaults().withSpeed(new Speed(speed))
                    .withMaps(Map.of(), Map.of(server.database(), db)),
                    ServerTarget.of(server, false), List.of(rec, new ExecutionListener() {
                        @Override
                        public void connectionOpened(SessionInfo session, Connection connection) throws SQLException {
                            // the capture cancelled its pg_sleep(30) after 1 s; the hook bounds it the same way
                            try (Statement st = connection.createStatement()) {
                                st.execute("set statement_timeout = '1s'");
                            }
                        }
                    }));
            report = replay.run(source);
        }

        assertThat(report.endReason()).isEqualTo("completed");
        assertThat(report.inputMalformed()).isZero();
        assertThat(report.statements()).isEqualTo(expected.statements());
        assertThat(report.executes()).isEqualTo(expected.executes());
        long statementItems = rec.executions.stream().filter(e -> e.item() instanceof ReplayItem.Statement).count();
        long executeItems = rec.executions.stream().filter(e -> e.item() instanceof ReplayItem.Execute).count();
        assertThat(statementItems).isEqualTo(expected.statements());
        assertThat(executeItems).isEqualTo(expected.executes());
        // the capture's own failures fail again, and nothing else does
        assertThat(report.errorsBySqlState()).containsOnly(Map.entry("22012", 2L), Map.entry("57014", 1L));
        assertThat(report.errorsAlsoInCapture()).isEqualTo(report.errors());
        // the connection to the missing database is refused again, and only that one
        assertThat(report.connectionsRefused()).isEqualTo(1);
        assertThat(report.refusedBySqlState()).containsOnlyKeys("3D000");
        assertThat(report.connects()).isEqualTo(expected.connects() - 1);

        List<String> replayed = new ArrayList<>();
        try (Connection c = server.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select id, name, note, data, at, payload from " + StandardWorkload.TABLE + " order by id")) {
            while (rs.next()) {
                replayed.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
                        + java.util.HexFormat.of().formatHex(rs.getBytes(4)) + "|"
                        + rs.getObject(5, OffsetDateTime.class).toInstant() + "|" + rs.getString(6));
            }
        }
        List<String> original = new ArrayList<>();
        for (int s = 0; s < W.sessions(); s++) {
            for (int r = 0; r < W.rounds(); r++) {
                StandardWorkload.Row row = W.row(s, r);
                String note = r == 0 ? "updated in a transaction" : row.note();
                original.add(row.id() + "|" + row.name() + "|" + note + "|" + java.util.HexFormat.of().formatHex(row.data())
                        + "|" + row.at().toInstant() + "|" + row.payload());
            }
        }
        assertThat(replayed).containsExactlyElementsOf(original);
    }

    /** The slowest of three: connect, create a table, drop it (what the setup session does before the inserts). */
    private static double freshConnectionStatementSeconds(PgServer server) throws SQLException {
        long slowest = 0;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            try (Connection c = server.connect(); Statement st = c.createStatement()) {
                st.execute("create table replay_standard_probe (id int)");
                st.execute("drop table replay_standard_probe");
            }
            slowest = Math.max(slowest, System.nanoTime() - t0);
        }
        return slowest / 1e9;
    }
}
