package dev.pglab.wal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes pgoutput messages (protocol versions 1-4) from a ByteBuffer into calls on a {@link PgOutputVisitor},
 * allocating nothing per message once its views have grown to the widest tuple (Relation messages, which are
 * rare, allocate the cached {@link PgOutputMessage.Relation}). One decoder per stream: it keeps the relation
 * cache and whether a streamed transaction is open (between Stream Start and Stream Stop, change messages
 * carry their (sub)transaction's xid). Not thread-safe.
 *
 * <p>Every read is bounds-checked against the message: truncated or corrupt input raises
 * {@link PgOutputException} with the byte offset, the message type and what was expected, never any other
 * exception, and decoding does no unbounded work (every loop is bounded by bytes present).
 */
public final class PgOutputDecoder {
    private final RelationCache relations = new RelationCache();
    private final java.util.Map<Integer, PgOutputMessage.Type> types = new java.util.HashMap<>();
    private final TupleView oldTuple = new TupleView();
    private final TupleView newTuple = new TupleView();
    private final ByteSlice slice1 = new ByteSlice();
    private final ByteSlice slice2 = new ByteSlice();
    private int[] truncated = new int[8];
    private boolean inStream;

    // the message being decoded
    private ByteBuffer buf;
    private int start;
    private int pos;
    private int end;
    private byte type;

    public RelationCache relations() {
        return relations;
    }

    /**
     * Types the stream described in Type messages (non-built-in types of published columns, e.g. enums), by OID.
     * Built-in types never appear here: their OIDs are fixed (see {@link PgTypes}).
     */
    public java.util.Map<Integer, PgOutputMessage.Type> types() {
        return java.util.Collections.unmodifiableMap(types);
    }

    /** True between Stream Start and Stream Stop. */
    public boolean inStreamedTransaction() {
        return inStream;
    }

    /** Forgets relations and stream state, e.g. after a reconnect that starts a new stream. */
    public void reset() {
        relations.clear();
        types.clear();
        inStream = false;
    }

    /** Decodes the whole buffer from its position to its limit (the position is not moved). */
    public byte decode(ByteBuffer buffer, PgOutputVisitor visitor) {
        return decode(buffer, buffer.position(), buffer.remaining(), visitor);
    }

    /**
     * Decodes one message of {@code length} bytes at absolute index {@code offset}.
     *
     * @return the message type byte
     */
    public byte decode(ByteBuffer buffer, int offset, int length, PgOutputVisitor visitor) {
        buf = buffer;
        start = offset;
        pos = offset;
        end = offset + length;
        type = 0;
        if (length <= 0 || offset < 0 || end > buffer.limit()) {
            throw fail(length <= 0 ? "a message type byte (the message is empty)" : "a message inside the buffer's limit");
        }
        type = buffer.get(pos++);
        switch (type) {
            case MessageTypes.BEGIN -> {
                long finalLsn = i64("final LSN");
                long time = i64("commit timestamp");
                long xid = xid("xid");
                endOfMessage();
                visitor.begin(finalLsn, time, xid);
            }
            case MessageTypes.COMMIT -> {
                int flags = u8("flags");
                long lsn = i64("commit LSN");
                long endLsn = i64("end LSN");
                long time = i64("commit timestamp");
                endOfMessage();
                visitor.commit(flags, lsn, endLsn, time);
            }
            case MessageTypes.ORIGIN -> {
                long lsn = i64("commit LSN");
                ByteSlice name = string(slice1, "origin name");
                endOfMessage();
                visitor.origin(lsn, name);
            }
            case MessageTypes.RELATION -> relation(visitor);
            case MessageTypes.TYPE -> {
                long xid = streamXid();
                int oid = i32("type OID");
                ByteSlice namespace = string(slice1, "namespace");
                ByteSlice name = string(slice2, "type name");
                endOfMessage();
                // rare (once per type and session): worth a record so consumers can name enum and domain columns
                types.put(oid, new PgOutputMessage.Type(xid, oid, namespace.toString(), name.toString()));
                visitor.type(xid, oid, namespace, name);
            }
            case MessageTypes.INSERT -> {
                long xid = streamXid();
                PgOutputMessage.Relation rel = relation(i32("relation OID"));
                expectByte('N', "'N' before the new tuple");
                tuple(newTuple, rel);
                endOfMessage();
                visitor.insert(xid, rel, newTuple);
                return type;
            }
            case MessageTypes.UPDATE -> {
                long xid = streamXid();
                PgOutputMessage.Relation rel = relation(i32("relation OID"));
                byte kind = u8byte("'K', 'O' or 'N'");
                byte oldKind = 0;
                if (kind == 'K' || kind == 'O') {
                    oldKind = kind;
                    tuple(oldTuple, rel);
                    kind = u8byte("'N' before the new tuple");
                }
                if (kind != 'N') {
                    pos--;
                    throw fail(oldKind == 0 ? "'K', 'O' or 'N'" : "'N' before the new tuple");
                }
                tuple(newTuple, rel);
                endOfMessage();
                visitor.update(xid, rel, oldKind, oldKind == 0 ? null : oldTuple, newTuple);
                return type;
            }
            case MessageTypes.DELETE -> {
                long xid = streamXid();
                PgOutputMessage.Relation rel = relation(i32("relation OID"));
                byte oldKind = u8byte("'K' or 'O'");
                if (oldKind != 'K' && oldKind != 'O') {
                    pos--;
                    throw fail("'K' or 'O' before the old tuple");
                }
                tuple(oldTuple, rel);
                endOfMessage();
                visitor.delete(xid, rel, oldKind, oldTuple);
                return type;
            }
            case MessageTypes.TRUNCATE -> truncate(visitor);
            case MessageTypes.MESSAGE -> {
                long xid = streamXid();
                int flags = u8("flags");
                long lsn = i64("message LSN");
                ByteSlice prefix = string(slice1, "prefix");
                int len = i32("content length");
                if (len < 0 || len > end - pos) {
                    pos -= 4;
                    throw fail("a content length within the message's " + (end - pos - 4) + " remaining bytes, got " + len);
                }
                slice2.wrap(buf, pos, len);
                pos += len;
                endOfMessage();
                visitor.message(xid, flags, lsn, prefix, slice2);
                return type;
            }
            case MessageTypes.STREAM_START -> {
                long xid = xid("xid");
                boolean first = u8("first-segment flag") == 1;
                endOfMessage();
                inStream = true;
                visitor.streamStart(xid, first);
                return type;
            }
            case MessageTypes.STREAM_STOP -> {
                endOfMessage();
                inStream = false;
                visitor.streamStop();
                return type;
            }
            case MessageTypes.STREAM_COMMIT -> {
                long xid = xid("xid");
                int flags = u8("flags");
                long lsn = i64("commit LSN");
                long endLsn = i64("end LSN");
                long time = i64("commit timestamp");
                endOfMessage();
                visitor.streamCommit(xid, flags, lsn, endLsn, time);
            }
            case MessageTypes.STREAM_ABORT -> {
                long xid = xid("xid");
                long subXid = xid("subtransaction xid");
                long abortLsn = -1;
                long abortTime = -1;
                if (pos < end) { // protocol 4 with streaming = parallel adds both
                    abortLsn = i64("abort LSN");
                    abortTime = i64("abort timestamp");
                }
                endOfMessage();
                visitor.streamAbort(xid, subXid, abortLsn, abortTime);
                return type;
            }
            case MessageTypes.BEGIN_PREPARE -> {
                long lsn = i64("prepare LSN");
                long endLsn = i64("end LSN");
                long time = i64("prepare timestamp");
                long xid = xid("xid");
                ByteSlice gid = string(slice1, "GID");
                endOfMessage();
                visitor.beginPrepare(lsn, endLsn, time, xid, gid);
            }
            case MessageTypes.PREPARE, MessageTypes.COMMIT_PREPARED, MessageTypes.STREAM_PREPARE -> {
                int flags = u8("flags");
                long lsn = i64(type == MessageTypes.COMMIT_PREPARED ? "commit LSN" : "prepare LSN");
                long endLsn = i64("end LSN");
                long time = i64(type == MessageTypes.COMMIT_PREPARED ? "commit timestamp" : "prepare timestamp");
                long xid = xid("xid");
                ByteSlice gid = string(slice1, "GID");
                endOfMessage();
                switch (type) {
                    case MessageTypes.PREPARE -> visitor.prepare(flags, lsn, endLsn, time, xid, gid);
                    case MessageTypes.COMMIT_PREPARED -> visitor.commitPrepared(flags, lsn, endLsn, time, xid, gid);
                    default -> visitor.streamPrepare(flags, lsn, endLsn, time, xid, gid);
                }
            }
            case MessageTypes.ROLLBACK_PREPARED -> {
                int flags = u8("flags");
                long prepareEnd = i64("prepare end LSN");
                long rollbackEnd = i64("rollback end LSN");
                long prepareTime = i64("prepare timestamp");
                long rollbackTime = i64("rollback timestamp");
                long xid = xid("xid");
                ByteSlice gid = string(slice1, "GID");
                endOfMessage();
                visitor.rollbackPrepared(flags, prepareEnd, rollbackEnd, prepareTime, rollbackTime, xid, gid);
            }
            default -> {
                pos--;
                throw fail("a pgoutput message type (one of B C O R Y I U D T M S E c A b P K r p)");
            }
        }
        return type;
    }

    private void relation(PgOutputVisitor visitor) {
        long xid = streamXid();
        int oid = i32("relation OID");
        String namespace = string(slice1, "namespace").toString();
        String name = string(slice1, "relation name").toString();
        char identity = (char) u8("replica identity setting");
        int ncols = i16("column count");
        if (ncols < 0) {
            pos -= 2;
            throw fail("a non-negative column count, got " + ncols);
        }
        // each column takes at least 10 bytes: refuse counts the message cannot hold before allocating
        if ((long) ncols * 10 > end - pos) {
            pos -= 2;
            throw fail(ncols + " column descriptions, but only " + (end - pos - 2) + " bytes remain");
        }
        List<PgOutputMessage.Relation.Column> columns = new ArrayList<>(ncols);
        for (int i = 0; i < ncols; i++) {
            int flags = u8("flags of column " + i);
            String colName = string(slice1, "name of column " + i).toString();
            int typeOid = i32("type OID of column " + i);
            int typmod = i32("type modifier of column " + i);
            columns.add(new PgOutputMessage.Relation.Column((flags & 1) != 0, colName, typeOid, typmod));
        }
        endOfMessage();
        PgOutputMessage.Relation rel = new PgOutputMessage.Relation(xid, oid, namespace, name, identity, columns);
        relations.put(rel);
        visitor.relation(rel);
    }

    private void truncate(PgOutputVisitor visitor) {
        long xid = streamXid();
        int count = i32("relation count");
        int options = u8("options");
        if (count < 0 || (long) count * 4 != end - pos) {
            pos -= 5;
            throw fail("a relation count matching the " + (end - pos - 5) / 4 + " OIDs present, got " + count);
        }
        if (truncated.length < count) {
            truncated = new int[Math.max(count, truncated.length * 2)];
        }
        for (int i = 0; i < count; i++) {
            truncated[i] = i32("relation OID");
        }
        endOfMessage();
        visitor.truncate(xid, options, count, truncated);
    }

    private void tuple(TupleView view, PgOutputMessage.Relation rel) {
        int ncols = i16("tuple column count");
        if (ncols != rel.columns().size()) {
            pos -= 2;
            throw fail(rel.columns().size() + " columns as Relation " + rel.oid() + " (" + rel.qualifiedName()
                    + ") describes, got " + ncols);
        }
        view.reset(buf, rel, ncols);
        // the hot loop, once per column: position and limit in locals (not fields the JIT would store back
        // every column), the view's arrays written directly, error texts built only on failure (after pos is
        // set, for the offset). A copy reading a heap buffer's array directly was tried: no gain beyond the noise.
        ByteBuffer b = buf;
        byte[] kinds = view.kinds;
        int[] offsets = view.offsets;
        int[] lengths = view.lengths;
        int p = pos;
        int e = end;
        for (int i = 0; i < ncols; i++) {
            if (p >= e) {
                throw failAt(p, "a tuple data kind of column " + i + " (1 byte), but 0 remain");
            }
            byte kind = b.get(p++);
            int len = 0;
            if (kind == 't' || kind == 'b') {
                if (e - p < 4) {
                    throw failAt(p, "the length of column " + i + " (4 bytes), but " + (e - p) + " remain");
                }
                len = b.getInt(p);
                if (len < 0 || len > e - p - 4) {
                    throw failAt(p, "a length of column " + i + " within the " + (e - p - 4) + " remaining bytes, got " + len);
                }
                p += 4;
            } else if (kind != 'n' && kind != 'u') {
                throw failAt(p - 1, "tuple data kind 'n', 'u', 't' or 'b' for column " + i);
            }
            kinds[i] = kind;
            offsets[i] = p;
            lengths[i] = len;
            p += len;
        }
        pos = p;
    }

    private PgOutputMessage.Relation relation(int oid) {
        PgOutputMessage.Relation rel = relations.get(oid);
        if (rel == null) {
            pos -= 4;
            throw fail("a relation OID the stream described in a Relation message; OID " + Integer.toUnsignedString(oid)
                    + " is unknown (the stream must be read from its start, or from a point before its Relation messages)");
        }
        return rel;
    }

    private long streamXid() {
        return inStream ? xid("xid of the streamed transaction") : 0;
    }

    private void endOfMessage() {
        if (pos != end) {
            throw fail("the end of the message, but " + (end - pos) + " bytes remain");
        }
    }

    private void expectByte(char expected, String what) {
        if (u8byte(what) != expected) {
            pos--;
            throw fail(what);
        }
    }

    private void need(int n, String what) {
        if (end - pos < n) {
            throw fail(what + " (" + n + " bytes), but " + (end - pos) + " remain");
        }
    }

    private int u8(String what) {
        need(1, what);
        return buf.get(pos++) & 0xff;
    }

    private byte u8byte(String what) {
        need(1, what);
        return buf.get(pos++);
    }

    private int i16(String what) {
        need(2, what);
        short v = buf.getShort(pos);
        pos += 2;
        return v;
    }

    private int i32(String what) {
        need(4, what);
        int v = buf.getInt(pos);
        pos += 4;
        return v;
    }

    private long xid(String what) {
        return Integer.toUnsignedLong(i32(what));
    }

    private long i64(String what) {
        need(8, what);
        long v = buf.getLong(pos);
        pos += 8;
        return v;
    }

    private ByteSlice string(ByteSlice slice, String what) {
        for (int i = pos; i < end; i++) {
            if (buf.get(i) == 0) {
                slice.wrap(buf, pos, i - pos);
                pos = i + 1;
                return slice;
            }
        }
        throw fail("a NUL-terminated " + what);
    }

    private PgOutputException failAt(int position, String expected) {
        pos = position;
        return fail(expected);
    }

    private PgOutputException fail(String expected) {
        return new PgOutputException(-1, pos - start, type, expected);
    }
}
