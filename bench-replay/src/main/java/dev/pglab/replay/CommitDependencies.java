package dev.pglab.replay;

import dev.pglab.parser.ReplayItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The commit-order rule as a pure function of the capture, fed in log order (the reader owns it; not thread-safe).
 * Each item gets a sequence number and a {@link Ticket}:
 * <ul>
 *   <li>an item is a <em>dependency</em> when it commits a writing transaction (an autocommit write, or the
 *       COMMIT of a block that wrote) or is a barrier (DDL, TRUNCATE, VACUUM, LOCK, ...);</li>
 *   <li>an item waits until every dependency numbered below its {@code waitBelow} has finished in the replay.
 *       {@code waitBelow} is the item's own number outside a transaction block, and the number of the item that
 *       opened the block inside one.</li>
 * </ul>
 * Read-only transactions are never dependencies, so a slow SELECT holds back only its own session. Inside a
 * block, an item does not wait for commits captured after the block began: those ran while this session held its
 * locks, may have waited for them in the capture, and waiting for them here could deadlock the replay (a session
 * blocked in the server by our locks while we wait for it). Every wait points to a lower number, and the lowest
 * unfinished dependency never waits for a session that waits, so the rule cannot deadlock by itself.
 */
final class CommitDependencies {
    /** Which dependencies an item waits for, and whether it is one. */
    record Ticket(long seq, long waitBelow, boolean dependency) {
        /** No order beyond the session's own: session and strict modes. */
        static final Ticket NONE = new Ticket(-1, 0, false);
    }

    private static final class Session {
        boolean inBlock;
        boolean blockWrites;
        long blockStart;
    }

    private final Map<String, Session> sessions = new HashMap<>();
    /** Captures repeat their statements: classify each text once (bounded; dropped whole when full). */
    private final Map<String, List<StatementEffect>> effects = new HashMap<>();
    private long next;

    Ticket admit(ReplayItem item) {
        long seq = next++;
        return switch (item) {
            case ReplayItem.Statement s -> admit(item.sessionId(), seq, s.sql());
            case ReplayItem.Execute x -> admit(item.sessionId(), seq, x.sql());
            case ReplayItem.Disconnect d -> {
                sessions.remove(d.sessionId()); // an open block is rolled back: nothing committed
                yield new Ticket(seq, 0, false);
            }
            default -> new Ticket(seq, 0, false);
        };
    }

    private Ticket admit(String sessionId, long seq, String sql) {
        Session s = sessions.computeIfAbsent(sessionId, k -> new Session());
        long waitBelow = s.inBlock ? s.blockStart : seq;
        boolean dependency = false;
        List<StatementEffect> known = effects.get(sql);
        if (known == null) {
            if (effects.size() >= 4096) {
                effects.clear();
            }
            known = StatementEffect.of(sql);
            effects.put(sql, known);
        }
        for (StatementEffect e : known) {
            switch (e) {
                case BEGIN -> {
                    if (!s.inBlock) {
                        s.inBlock = true;
                        s.blockWrites = false;
                        s.blockStart = seq;
                    }
                }
                case COMMIT -> {
                    dependency |= s.inBlock && s.blockWrites;
                    s.inBlock = false;
                }
                case ROLLBACK -> s.inBlock = false;
                case READ -> {
                }
                case WRITE -> {
                    if (s.inBlock) {
                        s.blockWrites = true;
                    } else {
                        dependency = true;
                    }
                }
                case BARRIER -> {
                    s.blockWrites |= s.inBlock;
                    dependency = true;
                }
            }
        }
        return new Ticket(seq, waitBelow, dependency);
    }
}
