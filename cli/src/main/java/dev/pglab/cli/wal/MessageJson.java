package dev.pglab.cli.wal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.wal.BinaryTextRenderer;
import dev.pglab.wal.MessageTypes;
import dev.pglab.wal.PgOutputMessage;
import dev.pglab.wal.PgTypes;
import dev.pglab.wal.Tuple;
import dev.pglab.wal.Value;
import dev.pglab.wal.pgo.Lsn;
import java.nio.charset.StandardCharsets;

/**
 * One pgoutput message as JSON, with the field names of PostgreSQL's "Logical Replication Message Formats" in
 * camelCase; LSNs as PostgreSQL prints them, timestamps as ISO-8601 instants, tuples as objects keyed by column
 * name with values as text, NULL as null and unchanged TOAST as {@code {"unchangedToast": true}}. Binary values
 * read as PostgreSQL's text output ({@link BinaryTextRenderer}); one of a type it does not render is
 * {@code {"binaryUnknown": "\\x…", "typeOid": n, "reason": "…"}}.
 */
final class MessageJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageJson() {
    }

    static ObjectNode of(long walStart, PgOutputMessage message, BinaryTextRenderer renderer) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", String.valueOf((char) message.type()));
        o.put("message", MessageTypes.name(message.type()));
        o.put("walStart", Lsn.format(walStart));
        switch (message) {
            case PgOutputMessage.Begin m -> {
                o.put("finalLsn", Lsn.format(m.finalLsn()));
                o.put("commitTimestamp", ts(m.commitTime()));
                o.put("xid", m.xid());
            }
            case PgOutputMessage.Commit m -> {
                o.put("flags", m.flags());
                o.put("commitLsn", Lsn.format(m.commitLsn()));
                o.put("endLsn", Lsn.format(m.endLsn()));
                o.put("commitTimestamp", ts(m.commitTime()));
            }
            case PgOutputMessage.Origin m -> {
                o.put("commitLsn", Lsn.format(m.commitLsn()));
                o.put("name", m.name());
            }
            case PgOutputMessage.Relation m -> {
                xid(o, m.xid());
                o.put("relationOid", Integer.toUnsignedLong(m.oid()));
                o.put("namespace", m.namespace());
                o.put("relationName", m.name());
                o.put("replicaIdentity", String.valueOf(m.replicaIdentity()));
                ArrayNode cols = o.putArray("columns");
                for (var c : m.columns()) {
                    cols.addObject().put("flags", c.key() ? 1 : 0).put("name", c.name())
                            .put("typeOid", Integer.toUnsignedLong(c.typeOid())).put("typeModifier", c.typeModifier());
                }
            }
            case PgOutputMessage.Type m -> {
                xid(o, m.xid());
                o.put("typeOid", Integer.toUnsignedLong(m.typeOid()));
                o.put("namespace", m.namespace());
                o.put("typeName", m.name());
            }
            case PgOutputMessage.Insert m -> {
                change(o, m.xid(), m.relation());
                o.set("newTuple", tuple(m.relation(), m.newTuple(), renderer));
            }
            case PgOutputMessage.Update m -> {
                change(o, m.xid(), m.relation());
                if (m.oldKind() == 'K') {
                    o.set("keyTuple", tuple(m.relation(), m.oldTuple(), renderer));
                } else if (m.oldKind() == 'O') {
                    o.set("oldTuple", tuple(m.relation(), m.oldTuple(), renderer));
                }
                o.set("newTuple", tuple(m.relation(), m.newTuple(), renderer));
            }
            case PgOutputMessage.Delete m -> {
                change(o, m.xid(), m.relation());
                o.set(m.oldKind() == 'K' ? "keyTuple" : "oldTuple", tuple(m.relation(), m.oldTuple(), renderer));
            }
            case PgOutputMessage.Truncate m -> {
                xid(o, m.xid());
                o.put("options", m.options());
                o.put("cascade", m.cascade());
                o.put("restartIdentity", m.restartIdentity());
                ArrayNode oids = o.putArray("relationOids");
                m.relationOids().forEach(oid -> oids.add(Integer.toUnsignedLong(oid)));
            }
            case PgOutputMessage.Message m -> {
                xid(o, m.xid());
                o.put("flags", m.flags());
                o.put("transactional", m.transactional());
                o.put("lsn", Lsn.format(m.lsn()));
                o.put("prefix", m.prefix());
                o.put("content", new String(m.content(), StandardCharsets.UTF_8));
            }
            case PgOutputMessage.StreamStart m -> {
                o.put("xid", m.xid());
                o.put("firstSegment", m.firstSegment());
            }
            case PgOutputMessage.StreamStop m -> {
            }
            case PgOutputMessage.StreamCommit m -> {
                o.put("xid", m.xid());
                o.put("flags", m.flags());
                o.put("commitLsn", Lsn.format(m.commitLsn()));
                o.put("endLsn", Lsn.format(m.endLsn()));
                o.put("commitTimestamp", ts(m.commitTime()));
            }
            case PgOutputMessage.StreamAbort m -> {
                o.put("xid", m.xid());
                o.put("subtransactionXid", m.subXid());
                if (m.abortLsn() != -1) {
                    o.put("abortLsn", Lsn.format(m.abortLsn()));
                    o.put("abortTimestamp", ts(m.abortTime()));
                }
            }
            case PgOutputMessage.BeginPrepare m -> {
                o.put("prepareLsn", Lsn.format(m.prepareLsn()));
                o.put("endLsn", Lsn.format(m.endLsn()));
                o.put("prepareTimestamp", ts(m.prepareTime()));
                o.put("xid", m.xid());
                o.put("gid", m.gid());
            }
            case PgOutputMessage.Prepare m -> prepared(o, m.flags(), "prepareLsn", m.prepareLsn(), m.endLsn(),
                    "prepareTimestamp", m.prepareTime(), m.xid(), m.gid());
            case PgOutputMessage.StreamPrepare m -> prepared(o, m.flags(), "prepareLsn", m.prepareLsn(), m.endLsn(),
                    "prepareTimestamp", m.prepareTime(), m.xid(), m.gid());
            case PgOutputMessage.CommitPrepared m -> prepared(o, m.flags(), "commitLsn", m.commitLsn(), m.endLsn(),
                    "commitTimestamp", m.commitTime(), m.xid(), m.gid());
            case PgOutputMessage.RollbackPrepared m -> {
                o.put("flags", m.flags());
                o.put("prepareEndLsn", Lsn.format(m.prepareEndLsn()));
                o.put("rollbackEndLsn", Lsn.format(m.rollbackEndLsn()));
                o.put("prepareTimestamp", ts(m.prepareTime()));
                o.put("rollbackTimestamp", ts(m.rollbackTime()));
                o.put("xid", m.xid());
                o.put("gid", m.gid());
            }
        }
        return o;
    }

    private static void prepared(ObjectNode o, int flags, String lsnName, long lsn, long endLsn, String tsName,
                                 long time, long xid, String gid) {
        o.put("flags", flags);
        o.put(lsnName, Lsn.format(lsn));
        o.put("endLsn", Lsn.format(endLsn));
        o.put(tsName, ts(time));
        o.put("xid", xid);
        o.put("gid", gid);
    }

    private static void xid(ObjectNode o, long xid) {
        if (xid != 0) {
            o.put("xid", xid);
        }
    }

    private static void change(ObjectNode o, long xid, PgOutputMessage.Relation relation) {
        xid(o, xid);
        o.put("relationOid", Integer.toUnsignedLong(relation.oid()));
        o.put("relation", relation.qualifiedName());
    }

    private static String ts(long pgMicros) {
        return PgTypes.toInstant(pgMicros).toString();
    }

    private static ObjectNode tuple(PgOutputMessage.Relation relation, Tuple tuple, BinaryTextRenderer renderer) {
        ObjectNode t = JSON.createObjectNode();
        for (int i = 0; i < tuple.size(); i++) {
            String name = relation.columns().get(i).name();
            switch (tuple.get(i)) {
                case Value.Null n -> t.putNull(name);
                case Value.UnchangedToast u -> t.putObject(name).put("unchangedToast", true);
                case Value.Text x -> t.put(name, x.text());
                case Value.Binary b -> {
                    switch (renderer.render(relation.columns().get(i).typeOid(), b.bytes())) {
                        case BinaryTextRenderer.Rendered.Text x -> t.put(name, x.text());
                        case BinaryTextRenderer.Rendered.Unknown u -> t.putObject(name).put("binaryUnknown", u.hex())
                                .put("typeOid", Integer.toUnsignedLong(u.typeOid())).put("reason", u.reason());
                    }
                }
            }
        }
        return t;
    }
}
