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
            // the sleep is seen over most of its 300 ms at a 2 ms period; on a loaded 2-core host the sampler's
            // first polls can come late (seen: 164 ms at load 11), so require 100 ms, still far beyond one poll
            long span = sleeping.getLast().nanoTime() - sleeping.getFirst().nanoTime();
            assertThat(span).isBetween(100_000_000L, t1 - t0);
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
