package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.WithPg;
import dev.pglab.replay.bench.ScriptedCapture;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * A replay at 1x that warms up before its clock: statements are on time from the first second on, the warm-up
 * leaves no trace in the figures, and the client's CPU per 1,000 statements is reported.
 */
@WithPg
class WarmStartIT {
    private static final int SESSIONS = 8;
    private static final int PER_SESSION = 150;
    private static final int STEP_MILLIS = 20;

    @Test
    void atCapturedSpeedTheFirstSecondIsOnTimeAndTheWarmUpIsOffTheFigures(PgServer server) {
        ScriptedCapture capture = new ScriptedCapture();
        for (int s = 0; s < SESSIONS; s++) {
            var session = capture.session("w." + s, "warm_app", "warm_db").connect(s);
            for (int k = 0; k < PER_SESSION; k++) {
                double at = 10 + s + k * STEP_MILLIS;
                if (k % 2 == 0) {
                    session.statement(at, "select " + k + " as n");
                } else {
                    session.execute(at, "select $1::int * 2 as n", Integer.toString(k));
                }
            }
            session.disconnect(20 + PER_SESSION * STEP_MILLIS);
        }
        LatenessBySecond late = new LatenessBySecond();
        ReplayReport report;
        ObjectNode timeline;
        try (ServerTarget target = ServerTarget.of(server, true)) {
            Replay replay = new Replay(ReplayConfig.defaults(), target, List.of()).withWarmUp(Duration.ofSeconds(2));
            ReplayTimeline t = new ReplayTimeline(replay);
            replay.addListener(t).addListener(late.of(replay));
            report = replay.run(ReplaySource.of(capture.items(), "scripted"));
            timeline = t.toJson();
        }
        int total = SESSIONS * PER_SESSION;
        assertThat(report.endReason()).isEqualTo("completed");
        assertThat(report.statements() + report.executes()).as("warm-up statements are not counted").isEqualTo(total);
        assertThat(report.connects()).isEqualTo(SESSIONS);
        long onTimeline = 0;
        for (JsonNode second : timeline.get("seconds")) {
            onTimeline += second.get("executed").asLong();
        }
        assertThat(onTimeline).as("the timeline holds the capture's statements only").isEqualTo(total);

        // On a quiet machine the first second's p99 is about as low as the rest's (a few ms on loopback);
        // without the warm-up the first second ran hundreds of ms to seconds late. The bound is generous so
        // that a machine loaded by parallel builds still meets it.
        System.out.printf("lateness p99: first second %.1f ms, the rest %.1f ms, whole replay %.1f ms; "
                        + "client CPU %.1f ms per 1,000%n", late.first.getValueAtPercentile(99) / 1e3,
                late.rest.getValueAtPercentile(99) / 1e3, report.lateness().p99Ms(), report.clientCpuMsPer1k());
        assertThat(late.first.getTotalCount()).isPositive();
        assertThat(late.first.getValueAtPercentile(99) / 1e3).as("first second's lateness p99, ms").isLessThan(250);
        assertThat(report.lateness().p99Ms()).isLessThan(250);

        assertThat(report.clientCpuSeconds()).isPositive();
        assertThat(report.clientCpuMsPer1k()).isPositive()
                .isCloseTo(report.clientCpuSeconds() * 1e6 / total, org.assertj.core.data.Offset.offset(1.0));
        assertThat(timeline.get("clientCpuMsPer1k").asDouble()).isEqualTo(report.clientCpuMsPer1k());
        assertThat(ReportWriter.summary(report)).contains("ms per 1,000 statements");
    }

    /** Lateness in µs of the replay's first second and of the rest. */
    private static final class LatenessBySecond {
        final Histogram first = new Histogram(3);
        final Histogram rest = new Histogram(3);

        ExecutionListener of(Replay replay) {
            first.setAutoResize(true);
            rest.setAutoResize(true);
            return new ExecutionListener() {
                @Override
                public void executed(Execution e) {
                    Histogram h = e.dueNanos() - replay.startNanos() < 1_000_000_000L ? first : rest;
                    synchronized (h) {
                        h.recordValue(Math.max(0, e.latenessNanos() / 1000));
                    }
                }
            };
        }
    }
}
