package dev.pglab.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How to replay, built once.
 *
 * @param speed      pace factor, or max
 * @param maxIdle    capture gaps longer than this are shortened to it
 * @param from       items stamped before this are skipped
 * @param to         items stamped after this are skipped (and reading stops)
 * @param mode       cross-session order: session, commit (default) or strict
 * @param userMap    captured user -> target user ({@code *} maps every other name; unmapped names pass through)
 * @param dbMap      captured database -> target database (likewise)
 * @param lookahead  how far ahead of the replay clock the reader may hand items to sessions (paced speeds)
 * @param maxPending items handed out but not yet run, over all sessions, at most (bounds memory at every speed)
 */
public record ReplayConfig(Speed speed, Optional<Duration> maxIdle, Optional<Instant> from, Optional<Instant> to,
                           ReplayMode mode, Map<String, String> userMap, Map<String, String> dbMap,
                           Duration lookahead, int maxPending) {

    public ReplayConfig {
        userMap = Map.copyOf(userMap);
        dbMap = Map.copyOf(dbMap);
        if (lookahead.isNegative()) {
            throw new IllegalArgumentException("lookahead must not be negative: " + lookahead);
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1: " + maxPending);
        }
        maxIdle.ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("max-idle must not be negative: " + d);
            }
        });
    }

    /** Speed 1, commit order, no window, 1 s look-ahead, 100,000 pending items (tens of MB of pgbench items). */
    public static ReplayConfig defaults() {
        return new ReplayConfig(Speed.CAPTURED, Optional.empty(), Optional.empty(), Optional.empty(),
                ReplayMode.COMMIT, Map.of(), Map.of(), Duration.ofSeconds(1), 100_000);
    }

    public ReplayConfig withSpeed(Speed s) {
        return new ReplayConfig(s, maxIdle, from, to, mode, userMap, dbMap, lookahead, maxPending);
    }

    public ReplayConfig withMode(ReplayMode m) {
        return new ReplayConfig(speed, maxIdle, from, to, m, userMap, dbMap, lookahead, maxPending);
    }

    public ReplayConfig withMaxIdle(Duration d) {
        return new ReplayConfig(speed, Optional.of(d), from, to, mode, userMap, dbMap, lookahead, maxPending);
    }

    public ReplayConfig withWindow(Optional<Instant> f, Optional<Instant> t) {
        return new ReplayConfig(speed, maxIdle, f, t, mode, userMap, dbMap, lookahead, maxPending);
    }

    public ReplayConfig withMaps(Map<String, String> users, Map<String, String> dbs) {
        return new ReplayConfig(speed, maxIdle, from, to, mode, users, dbs, lookahead, maxPending);
    }

    public ReplayConfig withLookahead(Duration d) {
        return new ReplayConfig(speed, maxIdle, from, to, mode, userMap, dbMap, d, maxPending);
    }

    public ReplayConfig withMaxPending(int n) {
        return new ReplayConfig(speed, maxIdle, from, to, mode, userMap, dbMap, lookahead, n);
    }

    /** The mapped user: an exact entry, else the {@code *} entry, else the captured name. */
    String targetUser(String captured) {
        return userMap.getOrDefault(captured, userMap.getOrDefault("*", captured));
    }

    /** The mapped database: an exact entry, else the {@code *} entry, else the captured name. */
    String targetDatabase(String captured) {
        return dbMap.getOrDefault(captured, dbMap.getOrDefault("*", captured));
    }
}
