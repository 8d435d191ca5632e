package dev.pglab.wal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Converts column values of common types to Java values, from text ('t') and binary ('b') form alike:
 * bool → Boolean, int2/int4/int8 → Short/Integer/Long, oid → Long, float4/float8 → Float/Double,
 * numeric → BigDecimal (Double for NaN and ±Infinity), text/varchar/bpchar/name/json/jsonb/xml → String,
 * bytea → byte[], uuid → UUID, date → LocalDate, time → LocalTime, timestamp → LocalDateTime,
 * timestamptz → OffsetDateTime (UTC in binary form), arrays → their text form as String (text mode) or a
 * List of elements (binary mode); anything else → String (text) or byte[] (binary).
 */
public final class PgTypes {
    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int JSON = 114;
    public static final int XML = 142;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int NUMERIC = 1700;
    public static final int UUID_OID = 2950;
    public static final int JSONB = 3802;

    /** 2000-01-01, PostgreSQL's epoch for dates and timestamps, in days and microseconds since 1970. */
    private static final long PG_EPOCH_DAYS = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long PG_EPOCH_MICROS = PG_EPOCH_DAYS * 86_400_000_000L;

    private static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter TIMESTAMPTZ_TEXT = new DateTimeFormatterBuilder()
            .append(TIMESTAMP_TEXT)
            .appendOffset("+HH:mm:ss", "+00")
            .toFormatter();

    private PgTypes() {
    }

    /** A protocol timestamp (microseconds since 2000-01-01 UTC) as an Instant. */
    public static Instant toInstant(long pgMicros) {
        long micros = pgMicros + PG_EPOCH_MICROS;
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** An Instant as a protocol timestamp. */
    public static long fromInstant(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000 - PG_EPOCH_MICROS;
    }

    /** Converts one column value by its type OID; NULL gives null. Unchanged TOAST has no value and fails. */
    public static Object decode(int typeOid, Value value) {
        return switch (value) {
            case Value.Null n -> null;
            case Value.Text t -> fromText(typeOid, t.text());
            case Value.Binary b -> fromBinary(typeOid, ByteBuffer.wrap(b.bytes()), 0, b.bytes().length);
            case Value.UnchangedToast u -> throw new IllegalArgumentException(
                    "an unchanged TOAST value has no content: the server did not resend it (use REPLICA IDENTITY FULL or keep the old value)");
        };
    }

    /** Converts a value in text form. */
    public static Object fromText(int typeOid, String text) {
        try {
            return switch (typeOid) {
                case BOOL -> switch (text) {
                    case "t", "true" -> Boolean.TRUE;
                    case "f", "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("'" + text + "' is not a bool: expected t or f");
                };
                case INT2 -> Short.parseShort(text);
                case INT4 -> Integer.parseInt(text);
                case INT8, OID -> Long.parseLong(text);
                case FLOAT4 -> Float.parseFloat(text);
                case FLOAT8 -> Double.parseDouble(text);
                case NUMERIC -> switch (text) {
                    case "NaN" -> Double.NaN;
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> new BigDecimal(text);
                };
                case BYTEA -> byteaFromText(text);
                case UUID_OID -> UUID.fromString(text);
                case DATE -> switch (text) {
                    case "infinity" -> LocalDate.MAX;
                    case "-infinity" -> LocalDate.MIN;
                    default -> LocalDate.parse(text);
                };
                case TIME -> LocalTime.parse(text);
                case TIMESTAMP -> switch (text) {
                    case "infinity" -> LocalDateTime.MAX;
                    case "-infinity" -> LocalDateTime.MIN;
                    default -> LocalDateTime.parse(text, TIMESTAMP_TEXT);
                };
                case TIMESTAMPTZ -> switch (text) {
                    case "infinity" -> OffsetDateTime.MAX;
                    case "-infinity" -> OffsetDateTime.MIN;
                    default -> OffsetDateTime.parse(text, TIMESTAMPTZ_TEXT);
                };
                default -> text;
            };
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && !(e instanceof NumberFormatException)) {
                throw iae;
            }
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a value of type OID " + typeOid + ": " + e.getMessage(), e);
        }
    }

    private static byte[] byteaFromText(String text) {
        if (text.startsWith("\\x")) {
            return HexFormat.of().parseHex(text, 2, text.length());
        }
        // escape format (bytea_output = escape): \\ and \ooo octal escapes
        var out = new java.io.ByteArrayOutputStream(text.length());
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\' && i + 1 < raw.length && raw[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (raw[i] == '\\' && i + 3 < raw.length) {
                out.write(Integer.parseInt(new String(raw, i + 1, 3, StandardCharsets.US_ASCII), 8));
                i += 3;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toByteArray();
    }

    /** Converts a value in binary form ({@code len} bytes at absolute index {@code off}). */
    public static Object fromBinary(int typeOid, ByteBuffer buf, int off, int len) {
        return switch (typeOid) {
            case BOOL -> { need(typeOid, len, 1); yield buf.get(off) != 0; }
            case INT2 -> { need(typeOid, len, 2); yield buf.getShort(off); }
            case INT4 -> { need(typeOid, len, 4); yield buf.getInt(off); }
            case INT8 -> { need(typeOid, len, 8); yield buf.getLong(off); }
            case OID -> { need(typeOid, len, 4); yield Integer.toUnsignedLong(buf.getInt(off)); }
            case FLOAT4 -> { need(typeOid, len, 4); yield buf.getFloat(off); }
            case FLOAT8 -> { need(typeOid, len, 8); yield buf.getDouble(off); }
            case NUMERIC -> numericFromBinary(buf, off, len);
            case UUID_OID -> { need(typeOid, len, 16); yield new UUID(buf.getLong(off), buf.getLong(off + 8)); }
            case DATE -> {
                need(typeOid, len, 4);
                int days = buf.getInt(off);
                yield days == Integer.MAX_VALUE ? LocalDate.MAX : days == Integer.MIN_VALUE ? LocalDate.MIN
                        : LocalDate.ofEpochDay(PG_EPOCH_DAYS + days);
            }
            case TIME -> { need(typeOid, len, 8); yield LocalTime.ofNanoOfDay(buf.getLong(off) * 1000); }
            case TIMESTAMP -> {
                need(typeOid, len, 8);
                long micros = buf.getLong(off);
                yield micros == Long.MAX_VALUE ? LocalDateTime.MAX : micros == Long.MIN_VALUE ? LocalDateTime.MIN
                        : LocalDateTime.ofInstant(toInstant(micros), ZoneOffset.UTC);
            }
            case TIMESTAMPTZ -> {
                need(typeOid, len, 8);
                long micros = buf.getLong(off);
                yield micros == Long.MAX_VALUE ? OffsetDateTime.MAX : micros == Long.MIN_VALUE ? OffsetDateTime.MIN
                        : OffsetDateTime.ofInstant(toInstant(micros), ZoneOffset.UTC);
            }
            case JSONB -> {
                if (len < 1 || buf.get(off) != 1) {
                    throw new IllegalArgumentException("binary jsonb: expected version byte 1");
                }
                yield utf8(buf, off + 1, len - 1);
            }
            case TEXT, VARCHAR, BPCHAR, NAME, CHAR, JSON, XML -> utf8(buf, off, len);
            case BYTEA -> bytes(buf, off, len);
            default -> len >= 12 && looksLikeArray(buf, off, len) ? arrayFromBinary(buf, off, len) : bytes(buf, off, len);
        };
    }

    private static boolean looksLikeArray(ByteBuffer buf, int off, int len) {
        int ndim = buf.getInt(off);
        return ndim >= 0 && ndim <= 6 && len >= 12 + 8 * ndim && (buf.getInt(off + 4) & ~1) == 0;
    }

    /** A binary array: ndim, has-null flag, element type, (size, lower bound) per dimension, then elements. */
    private static List<Object> arrayFromBinary(ByteBuffer buf, int off, int len) {
        int ndim = buf.getInt(off);
        int elementType = buf.getInt(off + 8);
        long count = ndim == 0 ? 0 : 1;
        for (int d = 0; d < ndim; d++) {
            count *= Math.max(0, buf.getInt(off + 12 + 8 * d));
        }
        int p = off + 12 + 8 * ndim;
        int end = off + len;
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            if (p + 4 > end) {
                throw new IllegalArgumentException("binary array: expected element " + i + " of " + count + " at byte " + (p - off));
            }
            int elen = buf.getInt(p);
            p += 4;
            if (elen < 0) {
                out.add(null);
                continue;
            }
            if (p + elen > end) {
                throw new IllegalArgumentException("binary array: element " + i + " of " + elen + " bytes runs past the value");
            }
            out.add(fromBinary(elementType, buf, p, elen));
            p += elen;
        }
        return out;
    }

    private static Object numericFromBinary(ByteBuffer buf, int off, int len) {
        if (len < 8) {
            throw new IllegalArgumentException("binary numeric: expected at least 8 header bytes, got " + len);
        }
        int ndigits = buf.getShort(off) & 0xffff;
        int weight = buf.getShort(off + 2);
        int sign = buf.getShort(off + 4) & 0xffff;
        int dscale = buf.getShort(off + 6) & 0xffff;
        switch (sign) {
            case 0xC000: return Double.NaN;
            case 0xD000: return Double.POSITIVE_INFINITY;
            case 0xF000: return Double.NEGATIVE_INFINITY;
            case 0x0000, 0x4000: break;
            default: throw new IllegalArgumentException("binary numeric: sign " + Integer.toHexString(sign) + " is not 0, 4000, C000, D000 or F000");
        }
        if (len < 8 + 2 * ndigits) {
            throw new IllegalArgumentException("binary numeric: expected " + ndigits + " digits, got " + (len - 8) / 2);
        }
        BigInteger unscaled = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10_000);
        for (int i = 0; i < ndigits; i++) {
            unscaled = unscaled.multiply(base).add(BigInteger.valueOf(buf.getShort(off + 8 + 2 * i)));
        }
        // the digits stand for unscaled * 10000^(weight - ndigits + 1)
        BigDecimal value = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        try {
            value = value.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("binary numeric: digits beyond the display scale " + dscale + " (corrupt value)", e);
        }
        return sign == 0x4000 ? value.negate() : value;
    }

    private static void need(int typeOid, int len, int expected) {
        if (len != expected) {
            throw new IllegalArgumentException("binary value of type OID " + typeOid + ": expected " + expected + " bytes, got " + len);
        }
    }

    static String utf8(ByteBuffer buf, int off, int len) {
        byte[] b = new byte[len];
        buf.get(off, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buf, int off, int len) {
        byte[] b = new byte[len];
        buf.get(off, b);
        return b;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
