package dev.pglab.replay;

import org.HdrHistogram.Histogram;

/**
 * What one query fingerprint did during the replay: counts, lateness, response and service time, and the
 * capture's own durations where the log had them, for the slowdown table. The histograms are HdrHistograms in
 * microseconds with 2 significant digits that grow as needed (a few KB each), not the 3-digit, hour-long
 * histograms of the replay's totals (about 0.25 MB each), so thousands of fingerprints fit. Plain fields, not
 * concurrent ones: {@link ReplayMetrics} updates and reads them under its lock, a session's batch at a time.
 */
final class FingerprintStats {
    final String fingerprint;
    long count;
    long errors;
    final Histogram latenessMicros = histogram();
    final Histogram responseMicros = histogram();
    final Histogram serviceMicros = histogram();
    /** Items that carried a captured duration, their captured total, and their replayed service total. */
    long withCaptured;
    long capturedMicrosTotal;
    long replayedMicrosTotal;

    FingerprintStats(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    private static Histogram histogram() {
        Histogram h = new Histogram(2);
        h.setAutoResize(true);
        return h;
    }

    /** One execution; {@code capturedMicros} is negative when the capture logged no duration for it. */
    void record(long latenessNanos, long serviceNanos, boolean failed, long capturedMicros) {
        count++;
        if (failed) {
            errors++;
        }
        long service = Math.max(0, serviceNanos / 1000);
        latenessMicros.recordValue(Math.max(0, latenessNanos / 1000));
        responseMicros.recordValue(Math.max(0, (latenessNanos + serviceNanos) / 1000));
        serviceMicros.recordValue(service);
        if (capturedMicros >= 0) {
            withCaptured++;
            capturedMicrosTotal += capturedMicros;
            replayedMicrosTotal += service;
        }
    }

    static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
