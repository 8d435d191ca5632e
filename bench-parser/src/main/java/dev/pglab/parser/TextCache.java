package dev.pglab.parser;

import java.nio.charset.StandardCharsets;

/**
 * Turns short, often repeated byte strings (session ids, user and database names) into the same String
 * without allocating each time: an open-addressing table keyed by the bytes. Cleared when full, so memory stays
 * bounded however many sessions a file holds; it is a cache, not a set.
 */
final class TextCache {
    private static final int SIZE = 1 << 14;
    private final byte[][] keys = new byte[SIZE][];
    private final String[] values = new String[SIZE];
    private int used;

    String get(byte[] a, int s, int e) {
        int h = Bytes.hash(a, s, e);
        int slot = (h ^ (h >>> 15)) & (SIZE - 1);
        for (int probe = 0; probe < 8; probe++) {
            byte[] k = keys[slot];
            if (k == null) {
                if (used > SIZE / 2) {
                    clear();
                }
                byte[] copy = java.util.Arrays.copyOfRange(a, s, e);
                String v = new String(copy, StandardCharsets.UTF_8);
                keys[slot] = copy;
                values[slot] = v;
                used++;
                return v;
            }
            if (Bytes.equals(k, 0, k.length, a, s, e)) {
                return values[slot];
            }
            slot = (slot + 1) & (SIZE - 1);
        }
        return new String(a, s, e - s, StandardCharsets.UTF_8);
    }

    private void clear() {
        java.util.Arrays.fill(keys, null);
        java.util.Arrays.fill(values, null);
        used = 0;
    }
}
