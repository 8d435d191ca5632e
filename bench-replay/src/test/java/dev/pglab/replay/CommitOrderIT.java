package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.WithPg;
import dev.pglab.parser.ReplayItem;
import dev.pglab.replay.bench.PgbenchCapture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default order at every speed: a pgbench-shaped capture (set-up session that vacuums and truncates the
 * history, then eight sessions inserting into it at once) replayed at 1x, 10x and max leaves exactly the
 * capture's history rows and sum(abalance). Without the barriers the truncate can run after other sessions'
 * inserts (and the create table after their first statements) once the speed compresses the capture's gaps.
 */
@WithPg
class CommitOrderIT {
    private static final PgbenchCapture W = PgbenchCapture.SMALL;

    @Test
    void commitOrderKeepsEveryTransactionOfAPgbenchCaptureAtEverySpeed(PgServer server) throws Exception {
        List<ReplayItem> capture = W.items();
        assertThat(capture.stream().filter(i -> i instanceof ReplayItem.Execute x && x.named())).isNotEmpty();
        for (String speed : List.of("1", "10", "max")) {
            String db = "order_commit_" + (speed.equals("max") ? "max" : speed + "x");
            server.execute("drop database if exists " + db, "create database " + db);
            Replay replay = new Replay(ReplayConfig.defaults().withSpeed(Speed.parse(speed))
                    .withMaps(Map.of(), Map.of(server.database(), db)), ServerTarget.of(server, false), List.of());
            assertThat(replay.config.mode()).isEqualTo(ReplayMode.COMMIT);
            ReplayReport report = replay.run(ReplaySource.of(capture, "pgbench capture"));

            assertThat(report.endReason()).as("speed %s", speed).isEqualTo("completed");
            assertThat(report.errors()).as("speed %s errors %s", speed, report.errorsBySqlState()).isZero();
            try (Connection c = server.connect(db); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select (select count(*) from pgbench_history), "
                         + "(select sum(abalance) from pgbench_accounts)")) {
                rs.next();
                assertThat(rs.getLong(1)).as("history rows at speed %s", speed).isEqualTo(W.historyRows());
                assertThat(rs.getLong(2)).as("sum(abalance) at speed %s", speed).isEqualTo(W.balanceSum());
            }
        }
    }
}
