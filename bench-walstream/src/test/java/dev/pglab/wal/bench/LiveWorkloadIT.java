package dev.pglab.wal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.pg.WithPg;
import org.junit.jupiter.api.Test;

@WithPg({ServerProfile.LOGICAL})
class LiveWorkloadIT {

    @Test
    void everyWriterShapeWritesTheRowsItCounts(PgServer server) throws Exception {
        LiveWorkload.install(server);
        LiveWorkload.reset(server);
        assertThat(LiveWorkload.write(server, "narrow", 100, 0.2, 0)).isPositive();
        assertThat(LiveWorkload.write(server, "2kb", 100, 0.2, 0)).isPositive();
        long narrowRows = Long.parseLong(server.query("SELECT count(*) FROM narrow_events"));
        assertThat(server.query("SELECT count(*) FROM narrow_events WHERE length(payload) = 2000")).isNotEqualTo("0");
        assertThat(LiveWorkload.write(server, "wide", 100, 0.2, 0))
                .isEqualTo(Long.parseLong(server.query("SELECT count(*) FROM wide_events")));
        long mixed = LiveWorkload.write(server, "mixed", 100, 0.2, 0);
        long updated = Long.parseLong(server.query("SELECT count(*) FROM narrow_events WHERE payload LIKE '%\\_upd'"));
        long left = Long.parseLong(server.query("SELECT count(*) FROM narrow_events"));
        // each mixed batch: 100 inserts, 25 updates, 25 deletes, all counted as written
        assertThat(updated).isPositive();
        assertThat(mixed).isEqualTo((left - narrowRows) * 150 / 75);
    }
}
