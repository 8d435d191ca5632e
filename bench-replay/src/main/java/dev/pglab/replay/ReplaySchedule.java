package dev.pglab.replay;

import java.time.Duration;
import java.util.Optional;

/**
 * Turns capture timestamps (microseconds, in log order) into offsets from the replay start:
 * {@code offset = (t - t0 - skipped) / speed}, where {@code skipped} sums the part of every idle gap longer than
 * {@code maxIdle} (so the replay jumps over it). Offsets never go backwards: an item stamped earlier than one
 * before it in the log (different sessions within one millisecond) is due with its predecessor.
 * Not thread-safe: the reader owns it.
 */
public final class ReplaySchedule {
    private final double speed;
    private final long maxIdleMicros;
    private boolean started;
    private long firstMicros;
    private long lastMicros;
    private long skippedMicros;
    private long lastOffsetNanos;

    public ReplaySchedule(Speed speed, Optional<Duration> maxIdle) {
        this.speed = speed.factor();
        this.maxIdleMicros = maxIdle.map(d -> d.toNanos() / 1000).orElse(Long.MAX_VALUE);
    }

    /** The offset from the replay start, in nanoseconds, of the next item in log order (0 at speed max). */
    public long offsetNanos(long captureMicros) {
        if (!started) {
            started = true;
            firstMicros = captureMicros;
            lastMicros = captureMicros;
        }
        if (captureMicros > lastMicros) {
            long gap = captureMicros - lastMicros;
            if (gap > maxIdleMicros) {
                skippedMicros += gap - maxIdleMicros;
            }
            lastMicros = captureMicros;
        }
        if (Double.isInfinite(speed)) {
            return 0;
        }
        long capturedElapsed = Math.max(0, captureMicros - firstMicros - skippedMicros);
        long offset = (long) (capturedElapsed * 1000.0 / speed);
        lastOffsetNanos = Math.max(lastOffsetNanos, offset);
        return lastOffsetNanos;
    }

    /** Capture time covered so far, idle jumps included, in microseconds. */
    public long capturedMicros() {
        return started ? lastMicros - firstMicros : 0;
    }

    /** Capture time jumped over by {@code maxIdle}, in microseconds. */
    public long skippedMicros() {
        return skippedMicros;
    }
}
