package dev.pglab.wal;

import java.nio.ByteBuffer;

/** What the Begin and Commit flyweights share: the epoch offset and the check that a message is what they read. */
final class TransactionViews {
    /** Microseconds between 1970-01-01 and PostgreSQL's epoch, 2000-01-01. */
    static final long PG_EPOCH_OFFSET_MICROS = 946_684_800_000_000L;

    private TransactionViews() {
    }

    static void check(ByteBuffer buffer, int offset, byte type, int length, String expected) {
        if (offset < 0 || offset + length > buffer.limit()) {
            throw new PgOutputException(-1, 0, offset >= 0 && offset < buffer.limit() ? buffer.get(offset) : 0, expected);
        }
        if (buffer.get(offset) != type) {
            throw new PgOutputException(-1, 0, buffer.get(offset), expected);
        }
    }
}
