package dev.pglab.parser;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte scanning without allocation: SWAR search eight bytes at a time, comparisons, number parsing. */
final class Bytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Bytes() {
    }

    static long broadcast(byte b) {
        return (b & 0xffL) * ONES;
    }

    /** Index of the first {@code b} in [from, to), or -1. */
    static int indexOf(byte[] a, int from, int to, byte b) {
        long pattern = broadcast(b);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(a, i) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first {@code b1} or {@code b2} in [from, to), or -1. */
    static int indexOfEither(byte[] a, int from, int to, byte b1, byte b2) {
        long p1 = broadcast(b1);
        long p2 = broadcast(b2);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(a, i);
            long x = w ^ p1;
            long y = w ^ p2;
            long found = ((x - ONES) & ~x | (y - ONES) & ~y) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == b1 || a[i] == b2) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first of three bytes in [from, to), or -1. */
    static int indexOfAny(byte[] a, int from, int to, byte b1, byte b2, byte b3) {
        long p1 = broadcast(b1);
        long p2 = broadcast(b2);
        long p3 = broadcast(b3);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(a, i);
            long x = w ^ p1;
            long y = w ^ p2;
            long z = w ^ p3;
            long found = ((x - ONES) & ~x | (y - ONES) & ~y | (z - ONES) & ~z) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == b1 || a[i] == b2 || a[i] == b3) {
                return i;
            }
        }
        return -1;
    }

    /** Index of {@code needle} in [from, to), or -1. */
    static int indexOf(byte[] a, int from, int to, byte[] needle) {
        if (needle.length == 0) {
            return from;
        }
        byte first = needle[0];
        int last = to - needle.length;
        int i = from;
        while (i <= last) {
            int j = indexOf(a, i, last + 1, first);
            if (j < 0) {
                return -1;
            }
            if (startsWith(a, j, to, needle)) {
                return j;
            }
            i = j + 1;
        }
        return -1;
    }

    static boolean startsWith(byte[] a, int at, int to, byte[] prefix) {
        if (at + prefix.length > to) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (a[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    static boolean equals(byte[] a, int s1, int e1, byte[] b, int s2, int e2) {
        int n = e1 - s1;
        if (n != e2 - s2) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (a[s1 + k] != b[s2 + k]) {
                return false;
            }
        }
        return true;
    }

    static int hash(byte[] a, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + a[i];
        }
        return h;
    }

    /**
     * A 64-bit fingerprint of [from, to), eight bytes per step: equal ranges give equal values; different ranges
     * collide with a chance of about 2^-64 (a multiply-xorshift mix per long, then the length).
     */
    static long fingerprint(byte[] a, int from, int to) {
        long h = 0x9E3779B97F4A7C15L;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = mix(h ^ (long) LONGS.get(a, i));
        }
        long tail = 0;
        for (int k = 0; i < to; i++, k += 8) {
            tail |= (a[i] & 0xffL) << k;
        }
        return mix(mix(h ^ tail) ^ (to - from));
    }

    private static long mix(long x) {
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 31;
        x *= 0x94D049BB133111EBL;
        return x ^ (x >>> 29);
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Digits at [from, to) as a number; -1 if any byte is no digit or the range is empty. */
    static long digits(byte[] a, int from, int to) {
        if (from >= to) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            byte b = a[i];
            if (b < '0' || b > '9') {
                return -1;
            }
            v = v * 10 + (b - '0');
        }
        return v;
    }

    static boolean isAscii(byte[] a, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            if (((long) LONGS.get(a, i) & HIGHS) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (a[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first byte >= 0x80 in [from, to), or -1 when all are ASCII. */
    static int firstNonAscii(byte[] a, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long highs = (long) LONGS.get(a, i) & HIGHS;
            if (highs != 0) {
                return i + (Long.numberOfTrailingZeros(highs) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] < 0) {
                return i;
            }
        }
        return -1;
    }

    /** Whether [from, to) is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
    static boolean isValidUtf8(byte[] a, int from, int to) {
        int i = from;
        while (i < to) {
            int p = firstNonAscii(a, i, to);
            if (p < 0) {
                return true;
            }
            int b = a[p] & 0xff;
            int n;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (p + n >= to) {
                return false;
            }
            int cp = b & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int c = a[p + k] & 0xff;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                cp = cp << 6 | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                return false;
            }
            i = p + n + 1;
        }
        return true;
    }

    /**
     * Bytes of an unknown file made safe to print: printable ASCII as is, everything else (terminal escapes,
     * control bytes, non-ASCII) as {@code \xNN}; cut at max characters with "...".
     */
    public static String printable(byte[] a, int from, int to, int max) {
        StringBuilder sb = new StringBuilder(Math.min(to - from, max) + 8);
        for (int i = from; i < to; i++) {
            if (sb.length() >= max) {
                return sb.append("...").toString();
            }
            int b = a[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        return sb.toString();
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
