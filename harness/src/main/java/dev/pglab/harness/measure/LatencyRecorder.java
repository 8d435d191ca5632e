package dev.pglab.harness.measure;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency in nanoseconds, recorded from any thread into an HdrHistogram {@link Recorder} (3 significant
 * digits, up to one hour). For paced work, record {@code end - scheduled}: that is the response time and
 * needs no coordinated-omission correction.
 */
public final class LatencyRecorder {
    private static final long MAX_NANOS = TimeUnit.HOURS.toNanos(1);
    private final Recorder recorder = new Recorder(MAX_NANOS, 3);
    private final Histogram total = new Histogram(MAX_NANOS, 3);

    /** Records one latency; values past an hour are clamped to an hour, negatives to 0. */
    public void record(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(nanos, MAX_NANOS)));
    }

    /** Everything recorded so far (takes the interval since the last call into the running total). */
    public synchronized Histogram snapshot() {
        total.add(recorder.getIntervalHistogram());
        return total.copy();
    }

    /** Percentile in milliseconds, e.g. {@code percentileMillis(99.0)}. */
    public double percentileMillis(double percentile) {
        return snapshot().getValueAtPercentile(percentile) / 1e6;
    }

    /** Writes the percentile distribution in milliseconds as a {@code .hgrm} file, as wrk2 prints it. */
    public static void writeHgrm(Histogram h, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, java.nio.charset.StandardCharsets.UTF_8)) {
            h.outputPercentileDistribution(out, 1e6);
        }
    }
}
