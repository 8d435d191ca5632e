package dev.pglab.replay;

import dev.pglab.parser.LogTimestamp;
import dev.pglab.parser.ReplayItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short synthetic replay against the target before the replay's clock starts, so the first captured seconds
 * do not pay for JIT compilation and first connections (at 1x they ran 0.9-1.8 s late without it). It is a
 * replay of its own (its own metrics, no listeners: nothing of it reaches the timeline, the report or a trace)
 * through the same reader, hand-off, session and metrics code, at speed max, as the capture's first user on its
 * first database (an embedded target creates them then, not while the clock runs). Its statements only read:
 * {@code SELECT} of constants through the simple protocol and as unnamed and named extended executes.
 */
final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    static final int SESSIONS = 4;
    static final int ITEMS_PER_SESSION = 1_500;

    private WarmUp() {
    }

    /** Items of {@link #SESSIONS} interleaved sessions, as a capture of a busy server has them. */
    static List<ReplayItem> items(String user, String database) {
        List<ReplayItem> items = new ArrayList<>(SESSIONS * (ITEMS_PER_SESSION + 2));
        LogTimestamp t = new LogTimestamp(0, "UTC", 6);
        for (int s = 0; s < SESSIONS; s++) {
            items.add(new ReplayItem.Connect(id(s), t, user, database));
        }
        for (int k = 0; k < ITEMS_PER_SESSION; k++) {
            for (int s = 0; s < SESSIONS; s++) {
                String v = Integer.toString(k);
                items.add(switch (k % 3) {
                    case 0 -> new ReplayItem.Statement(id(s), t, user, database, "SELECT " + (k % 50) + " AS warm_up",
                            OptionalDouble.empty(), false);
                    case 1 -> new ReplayItem.Execute(id(s), t, user, database, "", "SELECT $1::int + 1 AS warm_up",
                            List.of(v), OptionalDouble.empty(), false);
                    default -> new ReplayItem.Execute(id(s), t, user, database, "pglab_warm_up",
                            "SELECT $1::text AS warm_up, $2::int", List.of(v, v), OptionalDouble.empty(), false);
                });
            }
        }
        for (int s = 0; s < SESSIONS; s++) {
            items.add(new ReplayItem.Disconnect(id(s), t));
        }
        return items;
    }

    private static String id(int s) {
        return "pglab-warm-up-" + s;
    }

    /**
     * Runs the warm-up for at most {@code limit} (it is stopped then, statements cancelled) and returns what it
     * did; {@code owner} is the replay being warmed (a stop of it stops the warm-up too).
     */
    static ReplayReport run(Replay owner, ReplayItem first, Duration limit) {
        String user = first instanceof ReplayItem.Connect c ? c.user()
                : first instanceof ReplayItem.Statement s ? s.user()
                : first instanceof ReplayItem.Execute x ? x.user() : "";
        String database = first instanceof ReplayItem.Connect c ? c.database()
                : first instanceof ReplayItem.Statement s ? s.database()
                : first instanceof ReplayItem.Execute x ? x.database() : "";
        Replay warm = new Replay(owner.config.withSpeed(Speed.MAX).withMode(ReplayMode.SESSION)
                .withWindow(java.util.Optional.empty(), java.util.Optional.empty()), owner.target, List.of());
        owner.warming = warm;
        Thread timer = Thread.ofVirtual().name("pglab-warm-up-limit").start(() -> {
            try {
                Thread.sleep(limit);
                warm.stop();
            } catch (InterruptedException e) {
                // the warm-up ended first
            }
        });
        long start = System.nanoTime();
        try {
            ReplayReport r = warm.run(ReplaySource.of(items(user, database), "warm-up"));
            LOG.info("warm-up: {} statements in {} ms ({})", r.statements() + r.executes(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), r.endReason());
            return r;
        } finally {
            timer.interrupt();
            owner.warming = null;
        }
    }
}
