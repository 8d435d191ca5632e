package dev.pglab.parser;

import java.nio.charset.StandardCharsets;

/** A readable byte range: the source buffer when a field needs no unescaping, a scratch copy when it does. */
final class Span {
    byte[] a;
    int s;
    int e;
    private byte[] scratch = new byte[256];

    void of(byte[] array, int start, int end) {
        a = array;
        s = start;
        e = end;
    }

    byte[] scratch(int capacity) {
        if (scratch.length < capacity) {
            scratch = new byte[Math.max(capacity, scratch.length * 2)];
        }
        return scratch;
    }

    int length() {
        return e - s;
    }

    boolean startsWith(int at, byte[] prefix) {
        return Bytes.startsWith(a, at, e, prefix);
    }

    String string(int from, int to) {
        return new String(a, from, to - from, StandardCharsets.UTF_8);
    }
}
