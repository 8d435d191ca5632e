package dev.pglab.wal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The session settings PostgreSQL's text output functions depend on, as a text-mode consumer declares them:
 * {@code TimeZone} (timestamptz) and {@code extra_float_digits} (float4/float8). DateStyle is ISO,
 * IntervalStyle postgres and bytea_output hex: the only styles rendered, and PostgreSQL's defaults.
 * {@link #DEFAULTS} is what a text-mode consumer gets from a server left at PostgreSQL's built-in defaults
 * with TimeZone UTC; {@link #of(Connection)} reads a session's own settings.
 */
public record TextOutputSettings(ZoneId timeZone, int extraFloatDigits) {

    public static final TextOutputSettings DEFAULTS = new TextOutputSettings(ZoneId.of("UTC"), 1);

    public TextOutputSettings {
        if (timeZone == null) {
            throw new IllegalArgumentException("TimeZone: expected a zone name, got none");
        }
        if (extraFloatDigits < -15 || extraFloatDigits > 3) {
            throw new IllegalArgumentException("extra_float_digits: expected -15 to 3 (as PostgreSQL accepts), got " + extraFloatDigits);
        }
    }

    /**
     * Settings from their PostgreSQL spellings. The time zone must be a name from the tz database (or UTC, GMT):
     * POSIX offsets such as {@code UTC+5} mean the opposite sign in PostgreSQL and Java, so they are refused.
     */
    public static TextOutputSettings of(String dateStyle, String timeZone, int extraFloatDigits) {
        if (dateStyle != null && !dateStyle.strip().toUpperCase(java.util.Locale.ROOT).startsWith("ISO")) {
            throw new IllegalArgumentException("DateStyle '" + dateStyle + "': only ISO is rendered (ISO, MDY is PostgreSQL's default)");
        }
        return new TextOutputSettings(zone(timeZone), extraFloatDigits);
    }

    /** The settings of the connection's session ({@code SHOW DateStyle, TimeZone, extra_float_digits}). */
    public static TextOutputSettings of(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('DateStyle'), current_setting('TimeZone'),"
                     + " current_setting('extra_float_digits')::int")) {
            rs.next();
            return of(rs.getString(1), rs.getString(2), rs.getInt(3));
        }
    }

    public TextOutputSettings withTimeZone(String name) {
        return new TextOutputSettings(zone(name), extraFloatDigits);
    }

    public TextOutputSettings withExtraFloatDigits(int digits) {
        return new TextOutputSettings(timeZone, digits);
    }

    static ZoneId zone(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("TimeZone: expected a zone name such as UTC or Europe/Berlin, got none");
        }
        String n = name.strip();
        String upper = n.toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("UTC") || upper.equals("GMT") || upper.equals("Z") || upper.equals("UCT")
                || upper.equals("ZULU") || upper.equals("UNIVERSAL")) {
            return ZoneId.of("UTC");
        }
        try {
            ZoneId zone = ZoneId.of(n);
            if (zone instanceof ZoneOffset || upper.startsWith("UTC+") || upper.startsWith("UTC-")
                    || upper.startsWith("GMT+") || upper.startsWith("GMT-") || upper.startsWith("UT+") || upper.startsWith("UT-")) {
                throw new IllegalArgumentException("TimeZone '" + name + "': a POSIX offset means the opposite sign in"
                        + " PostgreSQL; use a tz database name such as Etc/GMT-5 or Asia/Karachi");
            }
            return zone;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("TimeZone '" + name + "': expected a tz database name such as Europe/Berlin");
        }
    }
}
