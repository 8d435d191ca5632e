package dev.pglab.replay;

import java.nio.file.Path;
import java.util.Optional;

/** The capture's first and last item times (microseconds since the epoch): what "percent replayed" is a percent of. */
public record CaptureSpan(long firstMicros, long lastMicros) {

    /** Share of the capture at or before {@code micros}, 0..1. */
    public double fraction(long micros) {
        if (lastMicros <= firstMicros) {
            return micros >= lastMicros ? 1 : 0;
        }
        return Math.max(0, Math.min(1, (micros - firstMicros) / (double) (lastMicros - firstMicros)));
    }

    /**
     * Reads a capture once to find its span (a .replay file reads at memory speed; a log costs one parse, which
     * the caller may skip for big logs). Empty when the file holds no item or cannot be read.
     */
    public static Optional<CaptureSpan> of(Path file, Optional<String> format) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (ReplaySource source = ReplaySources.open(file, format)) {
            while (source.hasNext()) {
                long t = source.next().timestamp().epochMicros();
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        } catch (Exception unreadable) {
            return Optional.empty(); // the replay itself reports why the file cannot be read
        }
        return first <= last ? Optional.of(new CaptureSpan(first, last)) : Optional.empty();
    }
}
