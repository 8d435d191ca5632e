package dev.pglab.trace;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Turns JDBC bind values into {@link Bind}s and back. The text form is lossless, so a trace can be replayed
 * with exactly the values the application sent: floats use Java's shortest round-tripping form (with
 * {@code NaN}, {@code Infinity}, {@code -0.0}), numerics keep their scale, bytea is {@code \x} hex, date/time
 * values are ISO-8601 as {@code java.time} prints them.
 */
public final class BindCodec {
    private static final HexFormat HEX = HexFormat.of();

    private BindCodec() {
    }

    /** The bind for a value set through {@code setObject} or a typed setter. */
    public static Bind of(int position, Object value) {
        if (value == null) {
            return new Bind(position, "unknown", null);
        }
        return switch (value) {
            case Boolean b -> new Bind(position, "bool", b.toString());
            case Short s -> new Bind(position, "int2", s.toString());
            case Byte b -> new Bind(position, "int2", b.toString());
            case Integer i -> new Bind(position, "int4", i.toString());
            case Long l -> new Bind(position, "int8", l.toString());
            case Float f -> new Bind(position, "float4", f.toString());
            case Double d -> new Bind(position, "float8", d.toString());
            case BigDecimal d -> new Bind(position, "numeric", d.toString());
            case String s -> new Bind(position, "varchar", s);
            case byte[] bytes -> new Bind(position, "bytea", "\\x" + HEX.formatHex(bytes));
            case java.sql.Date d -> new Bind(position, "date", d.toLocalDate().toString());
            case java.sql.Time t -> new Bind(position, "time", t.toLocalTime().toString());
            case java.sql.Timestamp t -> new Bind(position, "timestamp", t.toLocalDateTime().toString());
            case LocalDate d -> new Bind(position, "date", d.toString());
            case LocalTime t -> new Bind(position, "time", t.toString());
            case LocalDateTime t -> new Bind(position, "timestamp", t.toString());
            case OffsetDateTime t -> new Bind(position, "timestamptz", t.toString());
            case OffsetTime t -> new Bind(position, "timetz", t.toString());
            case UUID u -> new Bind(position, "uuid", u.toString());
            default -> new Bind(position, "unknown", value.toString());
        };
    }

    /** SQL NULL bound with a {@link java.sql.Types} code. */
    public static Bind ofNull(int position, int sqlType) {
        return new Bind(position, typeName(sqlType), null);
    }

    /** A value bound as text with a type the caller names (e.g. replayed from a server log). */
    public static Bind ofText(int position, String type, String text) {
        return new Bind(position, type, text);
    }

    /** The Java value a bind stands for: the inverse of {@link #of} for every type it produces. */
    public static Object decode(Bind bind) {
        String v = bind.value();
        if (v == null) {
            return null;
        }
        return switch (bind.type()) {
            case "bool" -> Boolean.valueOf(v);
            case "int2" -> Short.valueOf(v);
            case "int4" -> Integer.valueOf(v);
            case "int8" -> Long.valueOf(v);
            case "float4" -> Float.valueOf(v);
            case "float8" -> Double.valueOf(v);
            case "numeric" -> new BigDecimal(v);
            case "bytea" -> HEX.parseHex(v, 2, v.length());
            case "date" -> LocalDate.parse(v);
            case "time" -> LocalTime.parse(v);
            case "timestamp" -> LocalDateTime.parse(v);
            case "timestamptz" -> OffsetDateTime.parse(v);
            case "timetz" -> OffsetTime.parse(v);
            case "uuid" -> UUID.fromString(v);
            default -> v;
        };
    }

    static String typeName(int sqlType) {
        return switch (sqlType) {
            case java.sql.Types.BOOLEAN, java.sql.Types.BIT -> "bool";
            case java.sql.Types.SMALLINT, java.sql.Types.TINYINT -> "int2";
            case java.sql.Types.INTEGER -> "int4";
            case java.sql.Types.BIGINT -> "int8";
            case java.sql.Types.REAL -> "float4";
            case java.sql.Types.FLOAT, java.sql.Types.DOUBLE -> "float8";
            case java.sql.Types.NUMERIC, java.sql.Types.DECIMAL -> "numeric";
            case java.sql.Types.VARCHAR, java.sql.Types.CHAR, java.sql.Types.LONGVARCHAR, java.sql.Types.NVARCHAR -> "varchar";
            case java.sql.Types.BINARY, java.sql.Types.VARBINARY, java.sql.Types.LONGVARBINARY -> "bytea";
            case java.sql.Types.DATE -> "date";
            case java.sql.Types.TIME -> "time";
            case java.sql.Types.TIMESTAMP -> "timestamp";
            case java.sql.Types.TIMESTAMP_WITH_TIMEZONE -> "timestamptz";
            default -> "unknown";
        };
    }
}
