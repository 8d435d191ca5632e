package dev.pglab.replay;

import dev.pglab.parser.ReplayItem;
import dev.pglab.parser.sql.SqlFingerprint;
import java.util.HashMap;
import java.util.Map;

/**
 * One session's measurements between hand-overs to {@link ReplayMetrics}: its session thread writes a few
 * numbers per execution into plain arrays (no atomics, no shared cache lines, no histogram), and every
 * {@link #BATCH} executions, or before the session waits, {@link #flush} records them all into the replay's
 * histograms under one lock. The histograms receive exactly the values they received one by one before, so every
 * percentile is the same; live views (progress line, metrics endpoint) lag by at most one batch per busy
 * session. The fingerprint of each SQL text is computed once per session, not per execution.
 */
final class SessionMetrics {
    static final int BATCH = 256;
    /** SQL texts whose fingerprint a session remembers; a session of unique texts starts over when full. */
    private static final int FINGERPRINT_CACHE = 4_096;

    private final ReplayMetrics into;
    /** Arrays start small and grow to {@link #BATCH}: a capture of many short sessions allocates little per session. */
    private static final int FIRST_CAPACITY = 16;
    long[] latenessNanos = new long[FIRST_CAPACITY];
    long[] serviceNanos = new long[FIRST_CAPACITY];
    long[] capturedMicros = new long[FIRST_CAPACITY];
    long[] startNanos = new long[FIRST_CAPACITY];
    /** The captured item's timestamp, {@link Long#MIN_VALUE} when there is none. */
    long[] captureStampMicros = new long[FIRST_CAPACITY];
    boolean[] failed = new boolean[FIRST_CAPACITY];
    FingerprintStats[] fingerprint = new FingerprintStats[FIRST_CAPACITY];
    int size;
    long statements;
    long executes;
    long rows;
    private final Map<String, FingerprintStats> bySql = new HashMap<>();

    SessionMetrics(ReplayMetrics into) {
        this.into = into;
    }

    void record(Execution e) {
        double captured = Double.NaN;
        boolean failedInCapture = false;
        switch (e.item()) {
            case ReplayItem.Statement s -> {
                captured = s.durationMillis().orElse(Double.NaN);
                failedInCapture = s.failed();
            }
            case ReplayItem.Execute x -> {
                captured = x.durationMillis().orElse(Double.NaN);
                failedInCapture = x.failed();
            }
            case null, default -> {
            }
        }
        if (e.kind() == Execution.Kind.STATEMENT) {
            statements++;
        } else {
            executes++;
        }
        rows += Math.max(0, e.rows());
        if (e.failed()) {
            into.failed(e.sqlState(), failedInCapture);
        }
        int i = size;
        latenessNanos[i] = e.latenessNanos();
        serviceNanos[i] = e.serviceNanos();
        startNanos[i] = e.startNanos();
        captureStampMicros[i] = e.item() == null ? Long.MIN_VALUE : e.item().timestamp().epochMicros();
        capturedMicros[i] = Double.isNaN(captured) ? -1 : Math.round(captured * 1000);
        failed[i] = e.failed();
        fingerprint[i] = fingerprintOf(e.sql());
        if (++size == latenessNanos.length) {
            if (size < BATCH) {
                grow(Math.min(BATCH, size * 4));
            } else {
                flush();
            }
        }
    }

    private void grow(int capacity) {
        latenessNanos = java.util.Arrays.copyOf(latenessNanos, capacity);
        serviceNanos = java.util.Arrays.copyOf(serviceNanos, capacity);
        capturedMicros = java.util.Arrays.copyOf(capturedMicros, capacity);
        startNanos = java.util.Arrays.copyOf(startNanos, capacity);
        captureStampMicros = java.util.Arrays.copyOf(captureStampMicros, capacity);
        failed = java.util.Arrays.copyOf(failed, capacity);
        fingerprint = java.util.Arrays.copyOf(fingerprint, capacity);
    }

    private FingerprintStats fingerprintOf(String sql) {
        FingerprintStats f = bySql.get(sql);
        if (f == null) {
            if (bySql.size() >= FINGERPRINT_CACHE) {
                bySql.clear();
            }
            f = into.fingerprintStats(SqlFingerprint.of(sql));
            bySql.put(sql, f);
        }
        return f;
    }

    /** Hands what was recorded since the last flush to the replay's totals. */
    void flush() {
        if (size > 0 || statements > 0 || executes > 0) {
            into.add(this);
            size = 0;
            statements = 0;
            executes = 0;
            rows = 0;
            java.util.Arrays.fill(fingerprint, null); // no stats object kept reachable from an idle session
        }
    }
}
