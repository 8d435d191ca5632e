package dev.pglab.cli.wal;

import dev.pglab.wal.TextOutputSettings;
import picocli.CommandLine.Option;

/**
 * The session settings binary tuple values are printed under, as a text-mode consumer with those settings would
 * read them (DateStyle ISO, IntervalStyle postgres and bytea_output hex are fixed).
 */
final class TextOutputOptions {
    @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "TimeZone for binary timestamptz values, a tz database name (default: ${DEFAULT-VALUE}).")
    String timeZone;

    @Option(names = "--extra-float-digits", paramLabel = "N", defaultValue = "1",
            description = "extra_float_digits for binary float4/float8 values, -15 to 3; above 0 the shortest exact"
                    + " form (default: ${DEFAULT-VALUE}).")
    int extraFloatDigits;

    /** @throws IllegalArgumentException naming the setting that cannot be rendered */
    TextOutputSettings settings() {
        return TextOutputSettings.of("ISO", timeZone, extraFloatDigits);
    }
}
