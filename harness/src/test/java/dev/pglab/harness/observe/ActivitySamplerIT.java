package dev.pglab.harness.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.pg.WithPg;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithPg({ServerProfile.OBSERVE})
class ActivitySamplerIT {

    @Test
    void seesASleepingBackendForAboutAsLongAsItSleeps(PgServer server) throws Exception {
        try (Connection sleeper = server.connect()) {
            int pid = sleeper.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            ActivitySampler sampler = ActivitySampler.start(server.connect(), Duration.ofMillis(2));
            sampler.watch(pid);
            long t0 = System.nanoTime();
            try (Statement st = sleeper.createStatement()) {
                st.execute("select pg_sleep(0.3)");
            }
            long t1 = System.nanoTime();
            Thread.sleep(20);
            SamplerRun run = sampler.stop();
            assertThat(run.samplerBackendPid()).isNotEqualTo(pid);
            assertThat(run.polls()).isPositive();
            List<ActivitySample> sleeping = run.samples().stream()
                    .filter(s -> s.eventName().equals("Timeout:PgSleep")).toList();
            assertThat(sleeping).isNotEmpty().allSatisfy(s -> {
                assertThat(s.pid()).isEqualTo(pid);
                assertThat(s.state()).isEqualTo("active");
                assertThat(s.nanoTime()).isBetween(t0, t1);
            });
            // every poll made while the backend slept saw it sleeping: the sleeping samples run without a gap ...
            List<ActivitySample> mine = run.samples().stream().filter(s -> s.pid() == pid).toList();
            int first = mine.indexOf(sleeping.getFirst());
            assertThat(mine.subList(first, first + sleeping.size())).as("samples from the first to the last sleeping one")
                    .containsExactlyElementsOf(sleeping);
            // ... and cover the 300 ms but for the polls' own gaps: at most one gap lost at each end, and one more of
            // timing error (a sample is stamped at its round trip's midpoint). The gaps are measured in this run,
            // from t0 to t1, so a loaded host whose polls come late (seen: the first 164 ms after t0 at load 11)
            // widens the slack by exactly what it delayed, and a quiet one demands nearly the whole sleep.
            long widestGap = 0;
            long previous = t0;
            for (ActivitySample s : mine) {
                if (s.nanoTime() > t0 && s.nanoTime() < t1) {
                    widestGap = Math.max(widestGap, s.nanoTime() - previous);
                    previous = s.nanoTime();
                }
            }
            widestGap = Math.max(widestGap, t1 - previous);
            long span = sleeping.getLast().nanoTime() - sleeping.getFirst().nanoTime();
            assertThat(span).as("sleep seen for; widest gap between polls %d ms", widestGap / 1_000_000)
                    .isBetween(300_000_000L - 3 * widestGap, t1 - t0);
            assertThat(run.samples()).anyMatch(s -> s.eventName().equals("Client:ClientRead"));
        }
    }

    @Test
    void statementStatsDeltaCountsWhatRanBetweenSnapshots(PgServer server) throws Exception {
        server.execute("create extension if not exists pg_stat_statements");
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            StatementStatsSnapshot before = StatementStatsSnapshot.take(c);
            for (int i = 0; i < 5; i++) {
                st.execute("select count(*) from pg_class where relpages >= " + i);
            }
            StatementStatsSnapshot after = StatementStatsSnapshot.take(c);
            List<StatementStat> delta = after.delta(before);
            StatementStat mine = delta.stream().filter(s -> s.query().contains("from pg_class where relpages >="))
                    .findFirst().orElseThrow();
            assertThat(mine.calls()).isEqualTo(5);
            assertThat(mine.rows()).isEqualTo(5);
            assertThat(mine.query()).contains("$1");
            assertThat(mine.sharedHit()).isPositive();
        }
    }

    @Test
    void withoutTheExtensionASnapshotSaysWhy(PgServer server) throws Exception {
        server.execute("create database obs_noext");
        try (Connection c = server.connect("obs_noext")) {
            StringBuilder why = new StringBuilder();
            assertThat(StatementStatsSnapshot.tryTake(c, why)).isEmpty();
            assertThat(why.toString()).contains("pg_stat_statements");
        } finally {
            server.execute("drop database obs_noext");
        }
    }
}
