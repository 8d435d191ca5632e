package dev.pglab.parser;

/**
 * A log timestamp as the log wrote it: the instant in microseconds since the epoch, the zone as written
 * (e.g. {@code UTC}, {@code CET}, {@code +02}) and how many fractional digits it had (0 for {@code %t}, 3 for
 * {@code %m}, 3 with {@code %n} as epoch seconds.millis).
 */
public record LogTimestamp(long epochMicros, String zone, int fractionDigits) implements Comparable<LogTimestamp> {
    @Override
    public int compareTo(LogTimestamp o) {
        return Long.compare(epochMicros, o.epochMicros);
    }
}
