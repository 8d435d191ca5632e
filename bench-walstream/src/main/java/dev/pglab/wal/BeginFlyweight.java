package dev.pglab.wal;

import java.nio.ByteBuffer;

/**
 * A view of a pgoutput Begin message ('B') in a buffer, like {@link CommitFlyweight}: Byte1 'B', Int64 final LSN
 * of the transaction, Int64 commit timestamp (µs since 2000-01-01), Int32 xid.
 */
public final class BeginFlyweight {
    public static final int LENGTH = 21;
    private static final int FINAL_LSN = 1;
    private static final int COMMIT_TIME = 9;
    private static final int XID = 17;

    private ByteBuffer buffer;
    private int offset;

    /** Wraps the Begin message whose type byte is at absolute index {@code offset}. */
    public BeginFlyweight wrap(ByteBuffer buffer, int offset) {
        TransactionViews.check(buffer, offset, MessageTypes.BEGIN, LENGTH, "a Begin message of " + LENGTH + " bytes");
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public long finalLsn() {
        return buffer.getLong(offset + FINAL_LSN);
    }

    /** Microseconds since 2000-01-01 (PostgreSQL's epoch). */
    public long commitTime() {
        return buffer.getLong(offset + COMMIT_TIME);
    }

    /** Microseconds since 1970-01-01. */
    public long commitTimeUnixMicros() {
        return commitTime() + TransactionViews.PG_EPOCH_OFFSET_MICROS;
    }

    /** The transaction id (unsigned 32 bits). */
    public long xid() {
        return Integer.toUnsignedLong(buffer.getInt(offset + XID));
    }
}
