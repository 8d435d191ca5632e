package dev.pglab.replay;

import dev.pglab.harness.measure.LatencyRecorder;
import dev.pglab.parser.ReplayItem;
import dev.pglab.parser.sql.SqlFingerprint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters and histograms of one replay, safe to read while it runs (progress line, metrics endpoint)
 * and complete once it ended. Latencies in nanoseconds: lateness = start - due, response = end - due,
 * service = end - start.
 */
public final class ReplayMetrics implements ExecutionListener {
    /** Distinct fingerprints tracked one by one; the rest are pooled so a log of unique texts stays bounded. */
    static final int MAX_FINGERPRINTS = 5_000;
    static final String OTHER_FINGERPRINTS = "(other fingerprints)";

    final LatencyRecorder lateness = new LatencyRecorder();
    final LatencyRecorder response = new LatencyRecorder();
    final LatencyRecorder service = new LatencyRecorder();
    final LatencyRecorder connectTime = new LatencyRecorder();
    final LongAdder statements = new LongAdder();
    final LongAdder executes = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder errorsAlsoInCapture = new LongAdder();
    final LongAdder rows = new LongAdder();
    final LongAdder connects = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final LongAdder sessionsLost = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder unsupported = new LongAdder();
    final LongAdder outOfWindow = new LongAdder();
    final LongAdder itemsRead = new LongAdder();
    /** Items handed to a dry run's sink. */
    final LongAdder dispatched = new LongAdder();
    /** Items handed to sessions and not yet run (the reader's budget in use). */
    private final java.util.function.LongSupplier pending;
    final AtomicInteger sessionsOpen = new AtomicInteger();
    final AtomicInteger sessionsStarted = new AtomicInteger();
    /** Capture time of the last item handed to a session, microseconds since the epoch. */
    final AtomicLong lastDispatchedMicros = new AtomicLong();
    final Map<String, LongAdder> errorsBySqlState = new ConcurrentHashMap<>();
    final Map<String, LongAdder> refusedBySqlState = new ConcurrentHashMap<>();
    final Map<String, FingerprintStats> fingerprints = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<SessionSummary> sessions = new ConcurrentLinkedQueue<>();

    ReplayMetrics(java.util.function.LongSupplier pending) {
        this.pending = pending;
    }

    @Override
    public void executed(Execution e) {
        (e.kind() == Execution.Kind.STATEMENT ? statements : executes).increment();
        lateness.record(e.latenessNanos());
        response.record(e.responseNanos());
        service.record(e.serviceNanos());
        rows.add(Math.max(0, e.rows()));
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
        if (e.failed()) {
            errors.increment();
            if (failedInCapture) {
                errorsAlsoInCapture.increment();
            }
            errorsBySqlState.computeIfAbsent(e.sqlState(), k -> new LongAdder()).increment();
        }
        fingerprintStats(SqlFingerprint.of(e.sql())).record(e, captured);
    }

    private FingerprintStats fingerprintStats(String fp) {
        FingerprintStats s = fingerprints.get(fp);
        if (s != null) {
            return s;
        }
        String key = fingerprints.size() >= MAX_FINGERPRINTS ? OTHER_FINGERPRINTS : fp;
        return fingerprints.computeIfAbsent(key, FingerprintStats::new);
    }

    void refused(String sqlState) {
        refused.increment();
        refusedBySqlState.computeIfAbsent(sqlState == null ? "unknown" : sqlState, k -> new LongAdder()).increment();
    }

    public long statements() {
        return statements.sum();
    }

    public long executes() {
        return executes.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long executed() {
        return statements.sum() + executes.sum();
    }

    /** Items a dry run's sink received. */
    public long dispatched() {
        return dispatched.sum();
    }

    public long connectionsRefused() {
        return refused.sum();
    }

    public int sessionsOpen() {
        return sessionsOpen.get();
    }

    public long pending() {
        return pending.getAsLong();
    }

    /** Lateness percentile so far, in milliseconds. */
    public double latenessMillis(double percentile) {
        return lateness.percentileMillis(percentile);
    }
}
