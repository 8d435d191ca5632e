package dev.pglab.trace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to trace.
 *
 * @param dir            where the trace files go (one {@code .trc} and one {@code .trace.jsonl} per session)
 * @param samplePeriod   the pg_stat_activity polling period (default 1 ms = 1 kHz)
 * @param serverDetail   enable auto_explain on the traced sessions and collect it from the jsonlog
 * @param waits          run the wait sampler
 * @param statementStats snapshot pg_stat_statements before and after
 * @param jsonLog        the server's jsonlog file when pglab cannot ask the server (no superuser); empty to ask
 *                       {@code pg_current_logfile('jsonlog')}
 */
public record TraceConfig(Path dir, Duration samplePeriod, boolean serverDetail, boolean waits, boolean statementStats,
                          Optional<Path> jsonLog) {

    public TraceConfig {
        if (samplePeriod.isNegative() || samplePeriod.isZero()) {
            throw new IllegalArgumentException("the sampling period must be positive, was " + samplePeriod);
        }
    }

    /** Everything on, 1 kHz sampling. */
    public static TraceConfig defaults(Path dir) {
        return new TraceConfig(dir, Duration.ofMillis(1), true, true, true, Optional.empty());
    }

    /** Only what the client sees: no server settings, no sampler, no snapshots. */
    public static TraceConfig clientOnly(Path dir) {
        return new TraceConfig(dir, Duration.ofMillis(1), false, false, false, Optional.empty());
    }

    public TraceConfig withServerDetail(boolean on) {
        return new TraceConfig(dir, samplePeriod, on, waits, statementStats, jsonLog);
    }

    public TraceConfig withWaits(boolean on) {
        return new TraceConfig(dir, samplePeriod, serverDetail, on, statementStats, jsonLog);
    }

    public TraceConfig withStatementStats(boolean on) {
        return new TraceConfig(dir, samplePeriod, serverDetail, waits, on, jsonLog);
    }

    public TraceConfig withSamplePeriod(Duration period) {
        return new TraceConfig(dir, period, serverDetail, waits, statementStats, jsonLog);
    }

    public TraceConfig withJsonLog(Path file) {
        return new TraceConfig(dir, samplePeriod, serverDetail, waits, statementStats, Optional.of(file));
    }
}
