package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.WithPg;
import dev.pglab.parser.ReplayItem;
import dev.pglab.replay.bench.StallCapture;
import dev.pglab.replay.bench.StallExperiment;
import dev.pglab.replay.bench.StallWorkload;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The issue's stall experiment, captured from a real server and replayed at speed 1 into another one: 20 sessions
 * with a quick statement every 100 ms for 10 s, and S00 whose {@code select pg_sleep(3)} was cut short in the
 * capture but really sleeps on the target. Bounds are generous: a 2-core machine shared with other builds.
 */
@WithPg
class StallExperimentIT {
    private static final StallWorkload W = StallWorkload.ISSUE;

    @Test
    void sessionAndCommitOrderKeepTheOtherSessionsOnPaceWhileStrictOrderStallsThem(PgServer target) throws Exception {
        List<ReplayItem> capture = StallCapture.items(W);
        long statements = capture.stream().filter(i -> i instanceof ReplayItem.Statement).count();
        // each slot's statement, plus the SET application_name PgJDBC sends on each simple-protocol connection
        assertThat(statements).isEqualTo((long) W.sessions() * (W.slots() + 1));
        double capturedSeconds = (capture.getLast().timestamp().epochMicros() - capture.getFirst().timestamp().epochMicros()) / 1e6;

        ServerTarget server = ServerTarget.of(target, true);
        server.provision(StallWorkload.USER, StallWorkload.DATABASE); // the target is prepared before the clock starts
        StallExperiment.Result session = StallExperiment.run(capture, W, server, ReplayMode.SESSION);
        StallExperiment.Result commit = StallExperiment.run(capture, W, server, ReplayMode.COMMIT);
        StallExperiment.Result serial = StallExperiment.run(capture, W, server, ReplayMode.SERIAL);

        for (StallExperiment.Result r : List.of(session, commit, serial)) {
            System.out.printf("stall experiment, %s: others' lateness p99 %.1f ms, max %.1f ms, first blocked %.1f ms, "
                            + "median during the sleep %.1f ms; S00 max %.1f ms; sleep %.0f ms; wall %.2f s of %.2f s captured%n",
                    r.mode(), r.othersP99Ms(), r.othersMaxMs(), r.firstBlockedMs(), r.duringSleepMedianMs(), r.s00MaxMs(),
                    r.sleepServiceMs(), r.report().wallSeconds(), capturedSeconds);
            assertThat(r.report().statements()).as("%s statements", r.mode()).isEqualTo(statements);
            assertThat(r.report().errors()).as("%s errors", r.mode()).isZero();
            assertThat(r.sleepServiceMs()).as("the sleep really sleeps on the target").isGreaterThan(2_900);
        }
        // per-session and commit order (the default: the sleep is a read, no one's dependency): the other 20 keep
        // their pace; only S00 waits for its own sleep
        for (StallExperiment.Result r : List.of(session, commit)) {
            assertThat(r.othersP99Ms()).as("%s lateness p99 of the others", r.mode()).isLessThan(100);
            assertThat(r.firstBlockedMs()).as("%s first item behind the sleep", r.mode()).isLessThan(100);
            assertThat(r.s00MaxMs()).isGreaterThan(2_500);
            assertThat(r.report().wallSeconds()).isBetween(capturedSeconds - 0.5, capturedSeconds + 2.0);
        }
        // serial (pgreplay's order): everything behind S00's next item waits for the sleep, about 3 s
        assertThat(serial.firstBlockedMs()).as("serial: first item behind the sleep").isBetween(2_500.0, 3_800.0);
        assertThat(serial.othersMaxMs()).isBetween(2_500.0, 3_800.0);
        assertThat(serial.duringSleepMedianMs()).isGreaterThan(500);
        assertThat(serial.report().wallSeconds()).isBetween(capturedSeconds - 0.5, capturedSeconds + 4.0);
    }
}
