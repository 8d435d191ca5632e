package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.parser.ReplayItem;
import dev.pglab.replay.bench.ScriptedCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The reader-to-session hand-off without a server: it is batched (the reader is not woken per item), it never
 * holds more than the budget, and a stalled session does not stop the reader from feeding the others.
 */
class ItemHandOffTest {

    /** Sessions interleaved in the log, as a pgbench capture has them. */
    private static List<ReplayItem> interleaved(int sessions, int perSession, double stepMillis) {
        ScriptedCapture capture = new ScriptedCapture();
        var ss = new ScriptedCapture.Session[sessions];
        for (int s = 0; s < sessions; s++) {
            ss[s] = capture.session("s" + s, "u", "d").connect(s * stepMillis);
        }
        double t = sessions * stepMillis;
        for (int k = 0; k < perSession; k++) {
            for (int s = 0; s < sessions; s++) {
                ss[s].statement(t, "select " + k);
                t += stepMillis;
            }
        }
        for (int s = 0; s < sessions; s++) {
            ss[s].disconnect(t);
        }
        return capture.items();
    }

    @Test
    void atSpeedMaxTheReaderWaitsOncePerQuarterOfTheBudgetNotPerItem() {
        List<ReplayItem> items = interleaved(8, 2_500, 0.01);
        Replay replay = Replay.dryRun(ReplayConfig.defaults().withSpeed(Speed.MAX).withMaxPending(1_000),
                (id, item, due, start) -> { });
        ReplayReport report = replay.run(ReplaySource.of(items, "scripted"));
        assertThat(report.dryRunItems()).isEqualTo(items.size());
        // a per-item hand-off waits about once per item once the budget is full (20,000 times here)
        assertThat(replay.budget.readerWaits()).isLessThanOrEqualTo(items.size() / 250 + 1);
    }

    @Property(tries = 15)
    void theItemsHandedOutNeverExceedTheBudget(@ForAll @IntRange(min = 1, max = 300) int maxPending,
                                               @ForAll @IntRange(min = 1, max = 12) int sessions,
                                               @ForAll boolean paced) {
        List<ReplayItem> items = interleaved(sessions, 100, 0.05);
        AtomicLong most = new AtomicLong();
        Replay[] replay = new Replay[1];
        replay[0] = Replay.dryRun(ReplayConfig.defaults().withSpeed(paced ? new Speed(1_000) : Speed.MAX)
                        .withMaxPending(maxPending).withLookahead(Duration.ofMillis(20)),
                (id, item, due, start) -> most.accumulateAndGet(replay[0].metrics().pending(), Math::max));
        ReplayReport report = replay[0].run(ReplaySource.of(items, "scripted"));
        assertThat(report.dryRunItems()).isEqualTo(items.size());
        assertThat(most.get()).isBetween(1L, (long) maxPending);
        assertThat(replay[0].metrics().pending()).isZero();
    }

    /**
     * The limit of a bounded window: a session stalled long enough for its backlog to fill the whole budget stops
     * the reader (memory stays bounded); a stop then still ends the replay at once, with the unrun items skipped.
     */
    @Test
    void aStopEndsAReplayWhoseReaderWaitsForBudgetHeldByAStalledSession() throws Exception {
        List<ReplayItem> items = interleaved(2, 500, 0.01);
        CountDownLatch never = new CountDownLatch(1);
        Replay replay = Replay.dryRun(ReplayConfig.defaults().withSpeed(Speed.MAX).withMaxPending(50),
                (id, item, due, start) -> {
                    if (id.equals("s0") && item instanceof ReplayItem.Statement) {
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
        Thread stopper = Thread.ofVirtual().start(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (replay.budget.readerWaits() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            try {
                Thread.sleep(200); // the reader stays parked: s0 holds the budget
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            replay.stop();
        });
        long start = System.nanoTime();
        ReplayReport report = replay.run(ReplaySource.of(items, "scripted"));
        stopper.join();
        assertThat(report.endReason()).isEqualTo("stopped");
        assertThat(report.itemsRead()).as("the reader stopped at the budget").isLessThan(items.size());
        assertThat(replay.budget.readerWaits()).isPositive();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(20);
    }

    @Test
    void atSpeedMaxAStalledSessionsBacklogDoesNotStopTheOthers() throws Exception {
        assertOthersFinishWhileOneSessionStalls(Speed.MAX);
    }

    @Test
    void atAPacedSpeedAStalledSessionsBacklogDoesNotStopTheOthers() throws Exception {
        assertOthersFinishWhileOneSessionStalls(new Speed(20));
    }

    /**
     * Session s0 blocks on its first statement until every other session has received all its items; its
     * backlog (hundreds of items, many return batches) waits in its window meanwhile. A hand-off that blocked
     * the reader on one session's full window would never finish the others.
     */
    private static void assertOthersFinishWhileOneSessionStalls(Speed speed) throws Exception {
        int sessions = 6;
        int perSession = 400;
        List<ReplayItem> items = interleaved(sessions, perSession, 0.5);
        long othersTotal = items.stream().filter(i -> !i.sessionId().equals("s0")).count();
        CountDownLatch othersDone = new CountDownLatch(1);
        LongAdder othersSeen = new LongAdder();
        AtomicBoolean stalledTillOthersDone = new AtomicBoolean();
        AtomicBoolean firstStatement = new AtomicBoolean(true);
        Map<String, Long> lastPerSession = new ConcurrentHashMap<>();
        Replay replay = Replay.dryRun(ReplayConfig.defaults().withSpeed(speed).withLookahead(Duration.ofMillis(200))
                .withMaxPending(5_000), (id, item, due, start) -> {
                    lastPerSession.merge(id, 1L, Long::sum);
                    if (id.equals("s0")) {
                        if (item instanceof ReplayItem.Statement && firstStatement.compareAndSet(true, false)) {
                            try {
                                stalledTillOthersDone.set(othersDone.await(60, TimeUnit.SECONDS));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    } else {
                        othersSeen.increment();
                        if (othersSeen.sum() == othersTotal) {
                            othersDone.countDown();
                        }
                    }
                });
        ReplayReport report = replay.run(ReplaySource.of(items, "scripted"));
        assertThat(stalledTillOthersDone).as("the others finished while s0 was stalled").isTrue();
        assertThat(report.dryRunItems()).isEqualTo(items.size());
        assertThat(lastPerSession).hasSize(sessions).allSatisfy((id, n) -> assertThat(n).isEqualTo(perSession + 2L));
    }
}
