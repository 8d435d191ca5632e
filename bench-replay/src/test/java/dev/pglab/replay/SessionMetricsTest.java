package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.HdrHistogram.Histogram;

/** Batched per-session recording gives exactly the figures that recording each execution at once gave. */
class SessionMetricsTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    @Property(tries = 50)
    void batchesFromSeveralSessionsAddUpToTheOneByOneHistograms(
            @ForAll @Size(min = 1, max = 1_500) List<@LongRange(min = -5_000_000L, max = 4_000_000_000_000L) Long> lateness,
            @ForAll @IntRange(min = 1, max = 7) int sessions) {
        long zero = 5_000_000_000L;
        ReplayMetrics metrics = new ReplayMetrics(() -> 0, () -> zero);
        metrics.keepSeconds();
        java.util.Map<Integer, Histogram> perSecond = new java.util.HashMap<>();
        java.util.Map<Integer, Long> errorsPerSecond = new java.util.HashMap<>();
        SessionMetrics[] perSession = new SessionMetrics[sessions];
        for (int s = 0; s < sessions; s++) {
            perSession[s] = new SessionMetrics(metrics);
        }
        Histogram late = new Histogram(HOUR, 3);
        Histogram resp = new Histogram(HOUR, 3);
        Histogram serv = new Histogram(HOUR, 3);
        Histogram fpResponseMicros = new Histogram(2);
        fpResponseMicros.setAutoResize(true);
        long rows = 0;
        for (int i = 0; i < lateness.size(); i++) {
            long l = lateness.get(i);
            long service = (i * 7_919L) % 50_000_000L;
            long due = zero + i * 3_000_000L; // 1,500 executions over about 4.5 s of the replay clock
            String sql = i % 3 == 0 ? "select " + i : "update t set x = " + i;
            Execution e = new Execution("s", 1, i % 2 == 0 ? Execution.Kind.STATEMENT : Execution.Kind.EXECUTE, sql,
                    List.of(), due, due + l, due + l + service, i, i % 11 == 0 ? "22012" : null, null);
            perSession[i % sessions].record(e);
            late.recordValue(Math.max(0, Math.min(l, HOUR)));
            resp.recordValue(Math.max(0, Math.min(l + service, HOUR)));
            serv.recordValue(Math.max(0, Math.min(service, HOUR)));
            fpResponseMicros.recordValue(Math.max(0, (l + service) / 1000));
            rows += i;
            int second = (int) Math.max(0, (due + l - zero) / 1_000_000_000L);
            Histogram h = perSecond.computeIfAbsent(second, k -> {
                Histogram n = new Histogram(2);
                n.setAutoResize(true);
                return n;
            });
            h.recordValue(Math.max(0, l / 1000));
            if (e.failed()) {
                errorsPerSecond.merge(second, 1L, Long::sum);
            }
        }
        for (SessionMetrics s : perSession) {
            s.flush();
        }
        assertThat(metrics.latenessSnapshot()).isEqualTo(late);
        assertThat(metrics.responseSnapshot()).isEqualTo(resp);
        assertThat(metrics.serviceSnapshot()).isEqualTo(serv);
        assertThat(metrics.executed()).isEqualTo(lateness.size());
        assertThat(metrics.rows.sum()).isEqualTo(rows);
        assertThat(metrics.errors()).isEqualTo((lateness.size() + 10) / 11);
        // two fingerprints: "select ?" and "update t set x = ?"; together they saw every execution
        Histogram merged = metrics.withFingerprints(all -> {
            Histogram h = new Histogram(2);
            h.setAutoResize(true);
            all.forEach(f -> h.add(f.responseMicros));
            return h;
        });
        assertThat(merged).isEqualTo(fpResponseMicros);
        metrics.withSeconds(series -> {
            assertThat(series.seconds.keySet()).isEqualTo(perSecond.keySet());
            perSecond.forEach((t, h) -> {
                assertThat(series.seconds.get(t).latenessMicros).as("second %d", t).isEqualTo(h);
                assertThat(series.seconds.get(t).executed).isEqualTo(h.getTotalCount());
                assertThat(series.seconds.get(t).errors).isEqualTo(errorsPerSecond.getOrDefault(t, 0L));
            });
            return null;
        });
        long counted = metrics.withFingerprints(all -> all.stream().mapToLong(f -> f.count).sum());
        assertThat(counted).isEqualTo(lateness.size());
    }
}
