package dev.pglab.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parsing of the replay command's values: durations, capture times and name maps, with messages that say what was expected. */
public final class ReplayOptions {
    private static final DateTimeFormatter LOG_TIME = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private ReplayOptions() {
    }

    /** {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code PT2S}. */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 2)) * 1e6));
            }
            double unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
                case 's' -> 1e9;
                case 'm' -> 60e9;
                case 'h' -> 3600e9;
                default -> throw new IllegalArgumentException();
            };
            return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * unit));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("duration '" + text + "' is not understood: expected e.g. 500ms, 2s, 1.5m, 1h or PT2S");
        }
    }

    /**
     * A capture time: ISO instant ({@code 2026-11-25T15:00:00Z}, any offset) or the log's own form
     * ({@code 2026-11-25 15:00:00.123}, optionally followed by {@code UTC} or an offset; UTC when none).
     */
    public static Instant time(String text) {
        String t = text.trim();
        try {
            if (t.length() > 10 && (t.charAt(10) == 'T' || t.charAt(10) == 't')) {
                return java.time.OffsetDateTime.parse(t).toInstant();
            }
            String[] parts = t.split(" ");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException();
            }
            LocalDateTime local = LocalDateTime.parse(parts[0] + " " + parts[1], LOG_TIME);
            ZoneOffset zone = parts.length == 3 && !parts[2].equalsIgnoreCase("UTC") && !parts[2].equalsIgnoreCase("GMT")
                    ? ZoneOffset.of(parts[2]) : ZoneOffset.UTC;
            return local.toInstant(zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("time '" + text
                    + "' is not understood: expected 2026-11-25T15:00:00Z or '2026-11-25 15:00:00.123 UTC'");
        }
    }

    /** {@code a=b} pairs into a map; a pair without {@code =} is an error naming it. */
    public static Map<String, String> nameMap(List<String> pairs, String option) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new IllegalArgumentException(option + " '" + p + "' is not a mapping: expected captured=target, e.g. app=app_test");
            }
            map.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return map;
    }
}
