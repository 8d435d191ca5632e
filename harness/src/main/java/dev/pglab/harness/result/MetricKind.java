package dev.pglab.harness.result;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a secondary metric of a result is, declared where it is produced (an {@link Metric} annotation on a JMH
 * {@code @AuxCounters} field, the kind given to {@code JmhShaped.secondary}) and written into the result file's
 * envelope as {@code metricKinds}, so the gate never has to guess it from a name.
 */
public enum MetricKind {
    /** A count per op the code decides (rows, round trips, buffer hits): the gate holds it within 1 %. */
    COUNTER,
    /** Bytes per op the code decides (WAL bytes, buffer bytes): held like a counter. */
    BYTES,
    /** A duration per op (backend CPU, server execution time): measured, it moves with the machine; never held. */
    TIME,
    /** Anything else (a ratio, a rate, a percentile): reported, never held. */
    OTHER;

    private static final Pattern TIME_LIKE =
            Pattern.compile("(?i).*(cpu|time|latency|(ms|us|ns|nanos|millis|seconds)perop).*");

    /** Whether the gate holds this metric against the baseline (the domain counters). */
    public boolean gated() {
        return this == COUNTER || this == BYTES;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MetricKind parse(String id) {
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + id + "\" is not a metric kind: expected counter, bytes, time or other");
        }
    }

    /**
     * The kind of a metric in a result file written before kinds were declared (no {@code metricKinds} in its
     * envelope): the rule the gate applied to every file then, kept so old files and the baselines measured from
     * them gate as they did. A domain counter had a unit ending in {@code /op} or a name ending in {@code PerOp},
     * was not a {@code gc.*} metric and did not look like a time.
     */
    public static MetricKind guessedForOldFiles(String name, String unit) {
        if (TIME_LIKE.matcher(name).matches()) {
            return TIME;
        }
        boolean perOp = unit.endsWith("/op") || name.endsWith("PerOp");
        return !name.startsWith("gc.") && perOp ? COUNTER : OTHER;
    }
}
