package dev.pglab.replay;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one query fingerprint did during the replay: counts, lateness, response and service time, and the
 * capture's own durations where the log had them, for the slowdown table. The histograms are HdrHistograms in
 * microseconds with 2 significant digits that grow as needed (a few KB each), not the harness's LatencyRecorder
 * (3 digits up to an hour, about 0.75 MB each), so thousands of fingerprints fit.
 */
final class FingerprintStats {
    final String fingerprint;
    final LongAdder count = new LongAdder();
    final LongAdder errors = new LongAdder();
    final ConcurrentHistogram latenessMicros = histogram();
    final ConcurrentHistogram responseMicros = histogram();
    final ConcurrentHistogram serviceMicros = histogram();
    /** Items that carried a captured duration, their captured total, and their replayed service total. */
    final LongAdder withCaptured = new LongAdder();
    final LongAdder capturedMicrosTotal = new LongAdder();
    final LongAdder replayedMicrosTotal = new LongAdder();

    FingerprintStats(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    private static ConcurrentHistogram histogram() {
        ConcurrentHistogram h = new ConcurrentHistogram(2);
        h.setAutoResize(true);
        return h;
    }

    void record(Execution e, double capturedMillis) {
        count.increment();
        if (e.failed()) {
            errors.increment();
        }
        long service = Math.max(0, e.serviceNanos() / 1000);
        latenessMicros.recordValue(Math.max(0, e.latenessNanos() / 1000));
        responseMicros.recordValue(Math.max(0, e.responseNanos() / 1000));
        serviceMicros.recordValue(service);
        if (!Double.isNaN(capturedMillis)) {
            withCaptured.increment();
            capturedMicrosTotal.add(Math.round(capturedMillis * 1000));
            replayedMicrosTotal.add(service);
        }
    }

    static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
