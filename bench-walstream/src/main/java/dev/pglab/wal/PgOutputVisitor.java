package dev.pglab.wal;

/**
 * Receives decoded pgoutput messages from {@link PgOutputDecoder} without any allocation on the decoder's side.
 * Every method has an empty default, so a consumer overrides only what it needs. {@link ByteSlice} and
 * {@link TupleView} arguments are flyweights, valid only during the call. LSNs and timestamps are raw: LSNs as
 * unsigned 64-bit values, timestamps in microseconds since 2000-01-01 UTC (see {@link PgTypes#toInstant}).
 * {@code xid} is the transaction id as an unsigned 32-bit value, 0 where the message carries none (change
 * messages outside a streamed transaction).
 */
public interface PgOutputVisitor {

    /** Ignores every message (the decoder still validates them and tracks relations). */
    PgOutputVisitor NONE = new PgOutputVisitor() {
    };

    default void begin(long finalLsn, long commitTime, long xid) {
    }

    default void commit(int flags, long commitLsn, long endLsn, long commitTime) {
    }

    default void origin(long commitLsn, ByteSlice name) {
    }

    /** A Relation message; the decoder has already cached it, replacing any earlier one for the same OID. */
    default void relation(PgOutputMessage.Relation relation) {
    }

    default void type(long xid, int typeOid, ByteSlice namespace, ByteSlice name) {
    }

    default void insert(long xid, PgOutputMessage.Relation relation, TupleView newTuple) {
    }

    /**
     * @param oldKind  'K' (replica identity key columns), 'O' (whole old row) or 0 when no old tuple was sent
     * @param oldTuple the old tuple, or null when {@code oldKind == 0}
     */
    default void update(long xid, PgOutputMessage.Relation relation, byte oldKind, TupleView oldTuple, TupleView newTuple) {
    }

    /** @param oldKind 'K' or 'O' */
    default void delete(long xid, PgOutputMessage.Relation relation, byte oldKind, TupleView oldTuple) {
    }

    /**
     * @param options bit 1 = CASCADE, bit 2 = RESTART IDENTITY
     * @param relationOids the truncated relations; read {@code count} entries
     */
    default void truncate(long xid, int options, int count, int[] relationOids) {
    }

    default void message(long xid, int flags, long lsn, ByteSlice prefix, ByteSlice content) {
    }

    default void streamStart(long xid, boolean firstSegment) {
    }

    default void streamStop() {
    }

    default void streamCommit(long xid, int flags, long commitLsn, long endLsn, long commitTime) {
    }

    /** {@code abortLsn} and {@code abortTime} are -1 unless the stream runs with streaming = parallel (protocol 4). */
    default void streamAbort(long xid, long subXid, long abortLsn, long abortTime) {
    }

    default void beginPrepare(long prepareLsn, long endLsn, long prepareTime, long xid, ByteSlice gid) {
    }

    default void prepare(int flags, long prepareLsn, long endLsn, long prepareTime, long xid, ByteSlice gid) {
    }

    default void commitPrepared(int flags, long commitLsn, long endLsn, long commitTime, long xid, ByteSlice gid) {
    }

    default void rollbackPrepared(int flags, long prepareEndLsn, long rollbackEndLsn, long prepareTime,
                                  long rollbackTime, long xid, ByteSlice gid) {
    }

    default void streamPrepare(int flags, long prepareLsn, long endLsn, long prepareTime, long xid, ByteSlice gid) {
    }
}
