package dev.pglab.parser;

import java.util.HashSet;
import java.util.Set;

/**
 * The distinct session ids seen. A {@code %c} id ({@code 6745a3f1.1b2c}: start time and pid in hex) packs into
 * one long, so counting millions of sessions costs 8 bytes each; other ids (a pid) fall back to a set of strings.
 */
final class SessionSet {
    private long[] table = new long[1 << 10];
    private boolean hasZero;
    private int size;
    private final Set<String> others = new HashSet<>();

    void add(byte[] a, int s, int e) {
        long packed = pack(a, s, e);
        if (packed == -1) {
            others.add(new String(a, s, e - s, java.nio.charset.StandardCharsets.UTF_8));
        } else {
            add(packed);
        }
    }

    void add(String id) {
        byte[] b = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        add(b, 0, b.length);
    }

    private void add(long v) {
        if (v == 0) {
            if (!hasZero) {
                hasZero = true;
                size++;
            }
            return;
        }
        if (size * 2 >= table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = mix(v) & mask;
        while (table[i] != 0) {
            if (table[i] == v) {
                return;
            }
            i = (i + 1) & mask;
        }
        table[i] = v;
        size++;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long v : old) {
            if (v != 0) {
                int i = mix(v) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = v;
            }
        }
    }

    private static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** hex.hex with at most 8 hex digits each, as one long; -1 otherwise. */
    private static long pack(byte[] a, int s, int e) {
        long hi = 0;
        long lo = 0;
        int dot = -1;
        for (int i = s; i < e; i++) {
            byte b = a[i];
            int d;
            if (b == '.' && dot < 0) {
                dot = i;
                continue;
            } else if (b >= '0' && b <= '9') {
                d = b - '0';
            } else if (b >= 'a' && b <= 'f') {
                d = b - 'a' + 10;
            } else {
                return -1;
            }
            if (dot < 0) {
                hi = hi << 4 | d;
            } else {
                lo = lo << 4 | d;
            }
        }
        if (dot < 0 || dot - s > 8 || e - dot - 1 > 8 || dot == s || dot == e - 1) {
            return -1;
        }
        return hi << 32 | lo;
    }

    void addAll(SessionSet other) {
        for (long v : other.table) {
            if (v != 0) {
                add(v);
            }
        }
        if (other.hasZero) {
            add(0L);
        }
        others.addAll(other.others);
    }

    long size() {
        return size + others.size();
    }
}
