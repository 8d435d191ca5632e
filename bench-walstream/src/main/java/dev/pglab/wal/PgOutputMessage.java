package dev.pglab.wal;

import java.util.List;

/**
 * One pgoutput message as an immutable value: the convenience API over {@link PgOutputDecoder} (see
 * {@link RecordDecoder}). LSNs are unsigned 64-bit values (format with {@link Lsn#format}); timestamps are
 * microseconds since 2000-01-01 UTC ({@link PgTypes#toInstant}); {@code xid} is 0 where the message carries
 * none.
 */
public sealed interface PgOutputMessage {

    /** The message type byte, e.g. 'I'. */
    byte type();

    record Begin(long finalLsn, long commitTime, long xid) implements PgOutputMessage {
        public byte type() { return MessageTypes.BEGIN; }
    }

    record Commit(int flags, long commitLsn, long endLsn, long commitTime) implements PgOutputMessage {
        public byte type() { return MessageTypes.COMMIT; }
    }

    record Origin(long commitLsn, String name) implements PgOutputMessage {
        public byte type() { return MessageTypes.ORIGIN; }
    }

    /**
     * A table's description. {@code namespace} is empty for pg_catalog, as the protocol sends it.
     * {@code replicaIdentity} is 'd' (default), 'n' (nothing), 'f' (full) or 'i' (index).
     */
    record Relation(long xid, int oid, String namespace, String name, char replicaIdentity, List<Column> columns)
            implements PgOutputMessage {
        public Relation {
            columns = List.copyOf(columns);
        }

        public byte type() { return MessageTypes.RELATION; }

        /** {@code schema.table}, with pg_catalog spelled out. */
        public String qualifiedName() {
            return (namespace.isEmpty() ? "pg_catalog" : namespace) + "." + name;
        }

        /** The index of a column by name, or -1. */
        public int columnIndex(String columnName) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(columnName)) {
                    return i;
                }
            }
            return -1;
        }

        /** One column; {@code key} is true for columns of the replica identity. */
        public record Column(boolean key, String name, int typeOid, int typeModifier) {
        }
    }

    record Type(long xid, int typeOid, String namespace, String name) implements PgOutputMessage {
        public byte type() { return MessageTypes.TYPE; }
    }

    record Insert(long xid, Relation relation, Tuple newTuple) implements PgOutputMessage {
        public byte type() { return MessageTypes.INSERT; }
    }

    /**
     * @param oldKind  'K' (key columns only), 'O' (whole old row) or 0 when the server sent no old tuple
     * @param oldTuple null when {@code oldKind == 0}
     */
    record Update(long xid, Relation relation, char oldKind, Tuple oldTuple, Tuple newTuple) implements PgOutputMessage {
        public byte type() { return MessageTypes.UPDATE; }
    }

    /** @param oldKind 'K' (key columns only) or 'O' (whole old row) */
    record Delete(long xid, Relation relation, char oldKind, Tuple oldTuple) implements PgOutputMessage {
        public byte type() { return MessageTypes.DELETE; }
    }

    record Truncate(long xid, int options, List<Integer> relationOids) implements PgOutputMessage {
        public Truncate {
            relationOids = List.copyOf(relationOids);
        }

        public byte type() { return MessageTypes.TRUNCATE; }

        public boolean cascade() { return (options & 1) != 0; }

        public boolean restartIdentity() { return (options & 2) != 0; }
    }

    /** A logical decoding message ({@code pg_logical_emit_message}). */
    record Message(long xid, int flags, long lsn, String prefix, byte[] content) implements PgOutputMessage {
        public byte type() { return MessageTypes.MESSAGE; }

        public boolean transactional() { return (flags & 1) != 0; }
    }

    record StreamStart(long xid, boolean firstSegment) implements PgOutputMessage {
        public byte type() { return MessageTypes.STREAM_START; }
    }

    record StreamStop() implements PgOutputMessage {
        public byte type() { return MessageTypes.STREAM_STOP; }
    }

    record StreamCommit(long xid, int flags, long commitLsn, long endLsn, long commitTime) implements PgOutputMessage {
        public byte type() { return MessageTypes.STREAM_COMMIT; }
    }

    /** {@code abortLsn} and {@code abortTime} are -1 unless streaming = parallel (protocol 4). */
    record StreamAbort(long xid, long subXid, long abortLsn, long abortTime) implements PgOutputMessage {
        public byte type() { return MessageTypes.STREAM_ABORT; }
    }

    record BeginPrepare(long prepareLsn, long endLsn, long prepareTime, long xid, String gid) implements PgOutputMessage {
        public byte type() { return MessageTypes.BEGIN_PREPARE; }
    }

    record Prepare(int flags, long prepareLsn, long endLsn, long prepareTime, long xid, String gid) implements PgOutputMessage {
        public byte type() { return MessageTypes.PREPARE; }
    }

    record CommitPrepared(int flags, long commitLsn, long endLsn, long commitTime, long xid, String gid)
            implements PgOutputMessage {
        public byte type() { return MessageTypes.COMMIT_PREPARED; }
    }

    record RollbackPrepared(int flags, long prepareEndLsn, long rollbackEndLsn, long prepareTime, long rollbackTime,
                            long xid, String gid) implements PgOutputMessage {
        public byte type() { return MessageTypes.ROLLBACK_PREPARED; }
    }

    record StreamPrepare(int flags, long prepareLsn, long endLsn, long prepareTime, long xid, String gid)
            implements PgOutputMessage {
        public byte type() { return MessageTypes.STREAM_PREPARE; }
    }
}
