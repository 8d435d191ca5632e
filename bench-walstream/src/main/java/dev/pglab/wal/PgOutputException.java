package dev.pglab.wal;

/**
 * A pgoutput message that cannot be decoded: truncated, corrupt, or referring to a relation the stream never
 * described. Carries where (byte offset within the message, and the message's offset in its source when known),
 * which message type, and what the decoder expected there.
 */
public final class PgOutputException extends RuntimeException {
    private final long sourceOffset;
    private final int offset;
    private final byte messageType;
    private final String expected;

    public PgOutputException(long sourceOffset, int offset, byte messageType, String expected) {
        super(describe(sourceOffset, offset, messageType, expected));
        this.sourceOffset = sourceOffset;
        this.offset = offset;
        this.messageType = messageType;
        this.expected = expected;
    }

    private static String describe(long sourceOffset, int offset, byte messageType, String expected) {
        String where = sourceOffset >= 0 ? "message at source offset " + sourceOffset + ", byte " + offset : "byte " + offset;
        return "pgoutput " + MessageTypes.describe(messageType) + " " + where + ": expected " + expected;
    }

    /** Offset of the message in its source (file, stream), or -1 when unknown. */
    public long sourceOffset() {
        return sourceOffset;
    }

    /** Offset within the message where decoding failed (0 = the type byte). */
    public int offset() {
        return offset;
    }

    /** The message type byte (0 when the message was empty). */
    public byte messageType() {
        return messageType;
    }

    public String expected() {
        return expected;
    }

    /** The same error placed at a message's offset in its source. */
    public PgOutputException at(long messageSourceOffset) {
        return new PgOutputException(messageSourceOffset, offset, messageType, expected);
    }
}
