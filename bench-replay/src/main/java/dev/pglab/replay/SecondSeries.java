package dev.pglab.replay;

import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The timeline's per-second figures (executed, errors, lateness; and the capture's items per second of its own
 * clock), kept by {@link ReplayMetrics} from the sessions' batches under its lock when a {@link ReplayTimeline}
 * asked for them: the same values, in the same 2-digit microsecond histograms, that the timeline recorded one
 * execution at a time as a listener, without the per-statement map lookup, adders and concurrent histogram.
 */
final class SecondSeries {
    static final class Second {
        long executed;
        long errors;
        final Histogram latenessMicros = new Histogram(2);

        Second() {
            latenessMicros.setAutoResize(true);
        }
    }

    final Map<Integer, Second> seconds = new HashMap<>();
    /** Capture second (epoch) -> items executed that the capture stamped in it. */
    final Map<Long, long[]> captureSeconds = new HashMap<>();

    /** {@code captureMicros} is {@link Long#MIN_VALUE} for an execution without a captured item. */
    void record(int second, long latenessNanos, boolean failed, long captureMicros) {
        Second s = seconds.computeIfAbsent(second, k -> new Second());
        s.executed++;
        if (failed) {
            s.errors++;
        }
        s.latenessMicros.recordValue(Math.max(0, latenessNanos / 1000));
        if (captureMicros != Long.MIN_VALUE) {
            captureSeconds.computeIfAbsent(Math.floorDiv(captureMicros, 1_000_000L), k -> new long[1])[0]++;
        }
    }
}
