package dev.pglab.wal;

import java.nio.ByteBuffer;

/**
 * A view of a pgoutput Commit message ('C') in a buffer, Agrona/SBE style: {@link #wrap} it at the message's
 * offset and read fields in place; nothing is allocated. The layout lives here so no caller counts bytes: Byte1
 * 'C', Int8 flags, Int64 commit LSN, Int64 end LSN, Int64 commit timestamp (µs since 2000-01-01).
 */
public final class CommitFlyweight {
    public static final int LENGTH = 26;
    private static final int FLAGS = 1;
    private static final int COMMIT_LSN = 2;
    private static final int END_LSN = 10;
    private static final int COMMIT_TIME = 18;

    private ByteBuffer buffer;
    private int offset;

    /** Wraps the Commit message whose type byte is at absolute index {@code offset}. */
    public CommitFlyweight wrap(ByteBuffer buffer, int offset) {
        TransactionViews.check(buffer, offset, MessageTypes.COMMIT, LENGTH, "a Commit message of " + LENGTH + " bytes");
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public int flags() {
        return buffer.get(offset + FLAGS) & 0xff;
    }

    public long commitLsn() {
        return buffer.getLong(offset + COMMIT_LSN);
    }

    public long endLsn() {
        return buffer.getLong(offset + END_LSN);
    }

    /** Microseconds since 2000-01-01 (PostgreSQL's epoch). */
    public long commitTime() {
        return buffer.getLong(offset + COMMIT_TIME);
    }

    /** Microseconds since 1970-01-01. */
    public long commitTimeUnixMicros() {
        return commitTime() + TransactionViews.PG_EPOCH_OFFSET_MICROS;
    }
}
