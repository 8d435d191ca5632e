package dev.pglab.wal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/** The output functions of the built-in scalar types PostgreSQL sends in binary, for {@link BinaryTextRenderer}. */
final class ScalarText {
    private ScalarText() {
    }

    /** @throws IllegalArgumentException when the bytes are not a value of the type */
    static String text(int oid, ByteBuffer b, int off, int len, TextOutputSettings settings) {
        return switch (oid) {
            case PgTypes.BOOL -> { need(len, 1); yield b.get(off) != 0 ? "t" : "f"; }
            case PgTypes.INT2 -> { need(len, 2); yield Short.toString(b.getShort(off)); }
            case PgTypes.INT4 -> { need(len, 4); yield Integer.toString(b.getInt(off)); }
            case PgTypes.INT8 -> { need(len, 8); yield Long.toString(b.getLong(off)); }
            case PgTypes.OID -> { need(len, 4); yield Integer.toUnsignedString(b.getInt(off)); }
            case PgTypes.FLOAT4 -> { need(len, 4); yield FloatText.float4(b.getFloat(off), settings.extraFloatDigits()); }
            case PgTypes.FLOAT8 -> { need(len, 8); yield FloatText.float8(b.getDouble(off), settings.extraFloatDigits()); }
            case PgTypes.NUMERIC -> numeric(b, off, len);
            case PgTypes.TEXT, PgTypes.VARCHAR, PgTypes.BPCHAR, PgTypes.NAME, PgTypes.JSON -> utf8(b, off, len);
            case PgTypes.JSONB -> {
                if (len < 1 || b.get(off) != 1) {
                    throw new IllegalArgumentException("expected jsonb version byte 1");
                }
                yield utf8(b, off + 1, len - 1);
            }
            case PgTypes.CHAR -> { need(len, 1); yield charOut(b.get(off)); }
            case PgTypes.BYTEA -> BinaryTextRenderer.hex(b, off, len);
            case PgTypes.UUID_OID -> {
                need(len, 16);
                yield new java.util.UUID(b.getLong(off), b.getLong(off + 8)).toString();
            }
            case PgTypes.DATE -> { need(len, 4); yield DateTimeText.date(b.getInt(off)); }
            case PgTypes.TIME -> { need(len, 8); yield DateTimeText.time(b.getLong(off)); }
            case 1266 -> { need(len, 12); yield DateTimeText.timetz(b.getLong(off), b.getInt(off + 8)); }
            case PgTypes.TIMESTAMP -> { need(len, 8); yield DateTimeText.timestamp(b.getLong(off)); }
            case PgTypes.TIMESTAMPTZ -> { need(len, 8); yield DateTimeText.timestamptz(b.getLong(off), settings.timeZone()); }
            case 1186 -> { need(len, 16); yield DateTimeText.interval(b.getLong(off), b.getInt(off + 8), b.getInt(off + 12)); }
            case 869, 650 -> NetworkText.inet(b, off, len, oid == 650);
            case 829 -> NetworkText.macaddr(b, off, len);
            case 1560, 1562 -> bits(b, off, len);
            case 3220 -> {
                need(len, 8);
                long lsn = b.getLong(off);
                yield Integer.toHexString((int) (lsn >>> 32)).toUpperCase(java.util.Locale.ROOT) + "/"
                        + Integer.toHexString((int) lsn).toUpperCase(java.util.Locale.ROOT);
            }
            default -> throw new BinaryTextRenderer.NotRenderable("built-in type OID " + oid + " is not rendered");
        };
    }

    /** charout: the byte itself, nothing for NUL, {@code \ooo} for a byte with the high bit set. */
    private static String charOut(byte c) {
        if (c == 0) {
            return "";
        }
        if (c < 0) {
            int v = c & 0xff;
            return "\\" + (v >> 6) + ((v >> 3) & 7) + (v & 7);
        }
        return String.valueOf((char) c);
    }

    /** numeric_out: the digits to the display scale, NaN, Infinity, -Infinity. */
    private static String numeric(ByteBuffer b, int off, int len) {
        if (len < 8) {
            throw new IllegalArgumentException("expected at least 8 numeric header bytes, got " + len);
        }
        int ndigits = b.getShort(off) & 0xffff;
        int weight = b.getShort(off + 2);
        int sign = b.getShort(off + 4) & 0xffff;
        int dscale = b.getShort(off + 6) & 0xffff;
        switch (sign) {
            case 0xC000 -> { return "NaN"; }
            case 0xD000 -> { return "Infinity"; }
            case 0xF000 -> { return "-Infinity"; }
            case 0x0000, 0x4000 -> { }
            default -> throw new IllegalArgumentException("numeric sign " + Integer.toHexString(sign) + " is not 0, 4000, C000, D000 or F000");
        }
        if (len != 8 + 2 * ndigits) {
            throw new IllegalArgumentException("expected " + ndigits + " numeric digits, got " + (len - 8) / 2);
        }
        BigInteger unscaled = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10_000);
        for (int i = 0; i < ndigits; i++) {
            short d = b.getShort(off + 8 + 2 * i);
            if (d < 0 || d >= 10_000) {
                throw new IllegalArgumentException("numeric digit " + d + " is not 0-9999");
            }
            unscaled = unscaled.multiply(base).add(BigInteger.valueOf(d));
        }
        BigDecimal v = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        // numeric_out truncates to the display scale (the stored digits never go beyond it)
        v = v.setScale(dscale, java.math.RoundingMode.DOWN);
        return (sign == 0x4000 ? v.negate() : v).toPlainString();
    }

    /** bit_out / varbit_out: one '0' or '1' per bit, from the bit length and the bytes. */
    private static String bits(ByteBuffer b, int off, int len) {
        if (len < 4) {
            throw new IllegalArgumentException("expected a 4-byte bit length");
        }
        int nbits = b.getInt(off);
        if (nbits < 0 || (nbits + 7) / 8 != len - 4) {
            throw new IllegalArgumentException("bit length " + nbits + " does not match " + (len - 4) + " bytes");
        }
        StringBuilder sb = new StringBuilder(nbits);
        for (int i = 0; i < nbits; i++) {
            sb.append((b.get(off + 4 + i / 8) >> (7 - i % 8) & 1) == 0 ? '0' : '1');
        }
        return sb.toString();
    }

    private static void need(int len, int expected) {
        if (len != expected) {
            throw new IllegalArgumentException("expected " + expected + " bytes, got " + len);
        }
    }

    private static String utf8(ByteBuffer b, int off, int len) {
        return PgTypes.utf8(b, off, len);
    }
}
