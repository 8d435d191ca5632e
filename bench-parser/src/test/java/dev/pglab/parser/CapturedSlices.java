package dev.pglab.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Slices of a real capture (the standard workload on PostgreSQL 17, logged in all three formats at once: the
 * first and the last ~25 KB of each file, cut at entry starts) kept under {@code src/test/resources/captured}: the
 * seed of the bad-input tests and the fuzz suite, usable without a server.
 */
final class CapturedSlices {
    static final String PREFIX = "%m|%u|%d|%c|";

    private CapturedSlices() {
    }

    static byte[] of(LogFormat format) {
        String name = switch (format) {
            case STDERR -> "postgresql.log";
            case CSV -> "postgresql.csv";
            case JSON -> "postgresql.json";
        };
        try (InputStream in = CapturedSlices.class.getResourceAsStream("/captured/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /captured/" + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParserOptions options(LogFormat format) {
        ParserOptions o = ParserOptions.defaults().withFormat(format);
        return format == LogFormat.STDERR ? o.withPrefix(PREFIX) : o;
    }

    static String ext(LogFormat f) {
        return f.name().toLowerCase(Locale.ROOT);
    }
}
