package dev.pglab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.harness.observe.ActivitySample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTraceBuilderTest {
    private static final long MS = 1_000_000L;
    private static final TraceEvent.Header HEADER = new TraceEvent.Header("s", 42, "u", "d", "pg", 0, "pg_stat_activity",
            1000, 1000, List.of(), List.of());

    private static List<TraceEvent> build(SessionRecorder rec, List<ServerPlan> plans, List<ActivitySample> samples) {
        return new SessionTraceBuilder(0, 0).build(HEADER, rec, plans, samples, MS, false);
    }

    @Test
    void samplesCountTowardsTheCallOrGapTheyFallInClippedToItsWindow() {
        SessionRecorder rec = new SessionRecorder("s", 42, 0, () -> { });
        rec.record("select a", List.of(), 0, 10 * MS, 1, null, null);
        rec.record("select b", List.of(), 20 * MS, 30 * MS, 1, null, null);
        List<ActivitySample> samples = new ArrayList<>();
        for (long t = 0; t <= 30; t++) {
            String type = t <= 10 ? "IO" : t < 20 ? "Client" : "Lock";
            String event = t <= 10 ? "DataFileRead" : t < 20 ? "ClientRead" : "transactionid";
            samples.add(new ActivitySample(t * MS, 42, t <= 10 || t >= 20 ? "active" : "idle", type, event));
        }
        List<TraceEvent.Wait> waits = build(rec, null, samples).stream()
                .filter(e -> e instanceof TraceEvent.Wait).map(e -> (TraceEvent.Wait) e).toList();
        assertThat(waits).containsExactly(
                new TraceEvent.Wait(1, "IO:DataFileRead", 11, 10_000, 909),
                new TraceEvent.Wait(0, "Client:ClientRead", 9, 9_000, 1000),
                new TraceEvent.Wait(2, "Lock:transactionid", 11, 10_000, 909));
    }

    @Test
    void plansMatchByTextAndOrderWithNestedOnesBeforeTheirCaller() {
        SessionRecorder rec = new SessionRecorder("s", 42, 0, () -> { });
        rec.record("select f($1)", List.of(new Bind(0, "int4", "1")), 0, MS, 1, null, null);
        rec.record("COMMIT", List.of(), 2 * MS, 3 * MS, 0, null, null);
        rec.record("select f($1)", List.of(), 4 * MS, 5 * MS, 0, "22012", "division by zero");
        rec.record("select  f($1) ;", List.of(), 6 * MS, 7 * MS, 1, null, null);
        ServerDetail d = new ServerDetail(100, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        List<ServerPlan> plans = List.of(
                new ServerPlan(42, 1, "select 1 from t where x = $1", d, List.of()),
                new ServerPlan(42, 2, "select f($1)", d, List.of()),
                new ServerPlan(42, 3, "select f($1)", d, List.of()));
        List<TraceEvent> events = build(rec, plans, null);
        List<TraceEvent.Exec> execs = events.stream().filter(e -> e instanceof TraceEvent.Exec)
                .map(e -> (TraceEvent.Exec) e).toList();
        assertThat(execs).extracting(TraceEvent.Exec::dep).containsExactly(1, 0, 0, 0, 0);
        assertThat(execs).extracting(x -> x.server() != null).containsExactly(true, true, false, false, true);
        assertThat(events.stream().filter(e -> e instanceof TraceEvent.Parse).map(e -> ((TraceEvent.Parse) e).sql()))
                .containsExactly("select 1 from t where x = $1", "select f($1)", "COMMIT", "select  f($1) ;");
        assertThat(events.stream().filter(e -> e instanceof TraceEvent.Error)).hasSize(1);
        assertThat(events.getLast()).isEqualTo(new TraceEvent.Close(7_000, 4, 4_000, 3_000));
    }
}
