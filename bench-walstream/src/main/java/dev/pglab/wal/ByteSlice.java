package dev.pglab.wal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A reusable view of bytes inside a message (a string without its NUL, or a logical message's content). Valid
 * only during the visitor callback that received it; {@link #toString()} and {@link #toBytes()} copy.
 */
public final class ByteSlice {
    private ByteBuffer buffer;
    private int offset;
    private int length;

    void wrap(ByteBuffer buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** Absolute index of the first byte in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public byte byteAt(int i) {
        return buffer.get(offset + i);
    }

    /** Compares with an ASCII string without allocating. */
    public boolean contentEquals(String ascii) {
        if (ascii.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (buffer.get(offset + i) != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public byte[] toBytes() {
        byte[] copy = new byte[length];
        buffer.get(offset, copy);
        return copy;
    }

    /** The bytes as UTF-8 text (pgoutput strings are in the server encoding; pglab's servers use UTF-8). */
    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }
}
