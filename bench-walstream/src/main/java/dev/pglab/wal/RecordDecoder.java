package dev.pglab.wal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The convenience API: decodes each pgoutput message into an immutable {@link PgOutputMessage}, using the same
 * parser as the flyweight path ({@link PgOutputDecoder}). One per stream (it keeps the relation cache); not
 * thread-safe. Change messages reference the cached {@link PgOutputMessage.Relation} that described them.
 */
public final class RecordDecoder {
    private final PgOutputDecoder decoder = new PgOutputDecoder();
    private final Builder builder = new Builder();

    /** Decodes the buffer from its position to its limit (the position is not moved). */
    public PgOutputMessage decode(ByteBuffer message) {
        return decode(message, message.position(), message.remaining());
    }

    public PgOutputMessage decode(byte[] message) {
        return decode(ByteBuffer.wrap(message));
    }

    public PgOutputMessage decode(ByteBuffer buffer, int offset, int length) {
        builder.result = null;
        decoder.decode(buffer, offset, length, builder);
        return builder.result;
    }

    /**
     * Renders this stream's binary tuple values as PostgreSQL's text output would under {@code settings}; it
     * sees the Type messages decoded so far (enums, domains), so keep one per stream.
     */
    public BinaryTextRenderer textRenderer(TextOutputSettings settings) {
        var types = decoder.types();
        return new BinaryTextRenderer(settings, types::get);
    }

    /** The relation cache and stream state shared with the flyweight parser underneath. */
    public PgOutputDecoder decoder() {
        return decoder;
    }

    private static final class Builder implements PgOutputVisitor {
        PgOutputMessage result;

        @Override
        public void begin(long finalLsn, long commitTime, long xid) {
            result = new PgOutputMessage.Begin(finalLsn, commitTime, xid);
        }

        @Override
        public void commit(int flags, long commitLsn, long endLsn, long commitTime) {
            result = new PgOutputMessage.Commit(flags, commitLsn, endLsn, commitTime);
        }

        @Override
        public void origin(long commitLsn, ByteSlice name) {
            result = new PgOutputMessage.Origin(commitLsn, name.toString());
        }

        @Override
        public void relation(PgOutputMessage.Relation relation) {
            result = relation;
        }

        @Override
        public void type(long xid, int typeOid, ByteSlice namespace, ByteSlice name) {
            result = new PgOutputMessage.Type(xid, typeOid, namespace.toString(), name.toString());
        }

        @Override
        public void insert(long xid, PgOutputMessage.Relation relation, TupleView newTuple) {
            result = new PgOutputMessage.Insert(xid, relation, newTuple.toTuple());
        }

        @Override
        public void update(long xid, PgOutputMessage.Relation relation, byte oldKind, TupleView oldTuple, TupleView newTuple) {
            result = new PgOutputMessage.Update(xid, relation, (char) oldKind,
                    oldTuple == null ? null : oldTuple.toTuple(), newTuple.toTuple());
        }

        @Override
        public void delete(long xid, PgOutputMessage.Relation relation, byte oldKind, TupleView oldTuple) {
            result = new PgOutputMessage.Delete(xid, relation, (char) oldKind, oldTuple.toTuple());
        }

        @Override
        public void truncate(long xid, int options, int count, int[] relationOids) {
            List<Integer> oids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                oids.add(relationOids[i]);
            }
            result = new PgOutputMessage.Truncate(xid, options, oids);
        }

        @Override
        public void message(long xid, int flags, long lsn, ByteSlice prefix, ByteSlice content) {
            result = new PgOutputMessage.Message(xid, flags, lsn, prefix.toString(), content.toBytes());
        }

        @Override
        public void streamStart(long xid, boolean firstSegment) {
            result = new PgOutputMessage.StreamStart(xid, firstSegment);
        }

        @Override
        public void streamStop() {
            result = new PgOutputMessage.StreamStop();
        }

        @Override
        public void streamCommit(long xid, int flags, long commitLsn, long endLsn, long commitTime) {
            result = new PgOutputMessage.StreamCommit(xid, flags, commitLsn, endLsn, commitTime);
        }

        @Override
        public void streamAbort(long xid, long subXid, long abortLsn, long abortTime) {
            result = new PgOutputMessage.StreamAbort(xid, subXid, abortLsn, abortTime);
        }

        @Override
        public void beginPrepare(long prepareLsn, long endLsn, long prepareTime, long xid, ByteSlice gid) {
            result = new PgOutputMessage.BeginPrepare(prepareLsn, endLsn, prepareTime, xid, gid.toString());
        }

        @Override
        public void prepare(int flags, long prepareLsn, long endLsn, long prepareTime, long xid, ByteSlice gid) {
            result = new PgOutputMessage.Prepare(flags, prepareLsn, endLsn, prepareTime, xid, gid.toString());
        }

        @Override
        public void commitPrepared(int flags, long commitLsn, long endLsn, long commitTime, long xid, ByteSlice gid) {
            result = new PgOutputMessage.CommitPrepared(flags, commitLsn, endLsn, commitTime, xid, gid.toString());
        }

        @Override
        public void rollbackPrepared(int flags, long prepareEndLsn, long rollbackEndLsn, long prepareTime,
                                     long rollbackTime, long xid, ByteSlice gid) {
            result = new PgOutputMessage.RollbackPrepared(flags, prepareEndLsn, rollbackEndLsn, prepareTime,
                    rollbackTime, xid, gid.toString());
        }

        @Override
        public void streamPrepare(int flags, long prepareLsn, long endLsn, long prepareTime, long xid, ByteSlice gid) {
            result = new PgOutputMessage.StreamPrepare(flags, prepareLsn, endLsn, prepareTime, xid, gid.toString());
        }
    }
}
