package dev.pglab.replay;

import dev.pglab.harness.measure.LatencyRecorder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Live counters and histograms of one replay, safe to read while it runs (progress line, metrics endpoint)
 * and complete once it ended. Latencies in nanoseconds: lateness = start - due, response = end - due,
 * service = end - start. Sessions record into their own {@link SessionMetrics} and hand batches over
 * ({@link #add}); the histograms here are plain ones guarded by this object's lock, 3 significant digits up to an
 * hour as the harness's LatencyRecorder, so the figures are what per-execution recording into it gave.
 */
public final class ReplayMetrics {
    /** Distinct fingerprints tracked one by one; the rest are pooled so a log of unique texts stays bounded. */
    static final int MAX_FINGERPRINTS = 5_000;
    static final String OTHER_FINGERPRINTS = "(other fingerprints)";
    private static final long MAX_NANOS = TimeUnit.HOURS.toNanos(1);

    private final Histogram lateness = new Histogram(MAX_NANOS, 3);
    private final Histogram response = new Histogram(MAX_NANOS, 3);
    private final Histogram service = new Histogram(MAX_NANOS, 3);
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
    /** Read and updated under this object's lock (the stats themselves are plain). */
    private final Map<String, FingerprintStats> fingerprints = new HashMap<>();
    final ConcurrentLinkedQueue<SessionSummary> sessions = new ConcurrentLinkedQueue<>();

    /** The replay clock's zero ({@link Replay#startNanos()}), for the timeline's seconds. */
    private final java.util.function.LongSupplier clockZero;
    /** Kept only when a timeline asked for it ({@link #keepSeconds}); guarded by this object's lock. */
    private SecondSeries seconds;

    ReplayMetrics(java.util.function.LongSupplier pending, java.util.function.LongSupplier clockZero) {
        this.pending = pending;
        this.clockZero = clockZero;
    }

    /** From now on, keep the per-second series a {@link ReplayTimeline} draws (before the replay runs). */
    synchronized void keepSeconds() {
        if (seconds == null) {
            seconds = new SecondSeries();
        }
    }

    /** Runs {@code reader} over the per-second series (null when no timeline asked for it) under this lock. */
    synchronized <T> T withSeconds(java.util.function.Function<SecondSeries, T> reader) {
        return reader.apply(seconds);
    }

    /** One session's batch: every execution into the totals and its fingerprint's stats. */
    synchronized void add(SessionMetrics batch) {
        long zero = clockZero.getAsLong();
        for (int i = 0; i < batch.size; i++) {
            long late = batch.latenessNanos[i];
            long serv = batch.serviceNanos[i];
            lateness.recordValue(clamp(late));
            response.recordValue(clamp(late + serv));
            service.recordValue(clamp(serv));
            batch.fingerprint[i].record(late, serv, batch.failed[i], batch.capturedMicros[i]);
            if (seconds != null) {
                int second = zero == 0 ? 0 : (int) Math.max(0, (batch.startNanos[i] - zero) / 1_000_000_000L);
                seconds.record(second, late, batch.failed[i], batch.captureStampMicros[i]);
            }
        }
        statements.add(batch.statements);
        executes.add(batch.executes);
        rows.add(batch.rows);
    }

    private static long clamp(long nanos) {
        return Math.max(0, Math.min(nanos, MAX_NANOS));
    }

    /** An execution failed: counted at once (errors are rare and the progress line shows them). */
    void failed(String sqlState, boolean failedInCapture) {
        errors.increment();
        if (failedInCapture) {
            errorsAlsoInCapture.increment();
        }
        errorsBySqlState.computeIfAbsent(sqlState, k -> new LongAdder()).increment();
    }

    synchronized FingerprintStats fingerprintStats(String fp) {
        FingerprintStats s = fingerprints.get(fp);
        if (s != null) {
            return s;
        }
        String key = fingerprints.size() >= MAX_FINGERPRINTS ? OTHER_FINGERPRINTS : fp;
        return fingerprints.computeIfAbsent(key, FingerprintStats::new);
    }

    /** Runs {@code reader} over the fingerprints' stats while no session can change them. */
    synchronized <T> T withFingerprints(java.util.function.Function<java.util.Collection<FingerprintStats>, T> reader) {
        return reader.apply(fingerprints.values());
    }

    synchronized Histogram latenessSnapshot() {
        return lateness.copy();
    }

    synchronized Histogram responseSnapshot() {
        return response.copy();
    }

    synchronized Histogram serviceSnapshot() {
        return service.copy();
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
    public synchronized double latenessMillis(double percentile) {
        return lateness.getValueAtPercentile(percentile) / 1e6;
    }
}
