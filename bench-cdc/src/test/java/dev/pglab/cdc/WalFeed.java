package dev.pglab.cdc;

import dev.pglab.cdc.wal.WalDiWriter;
import dev.pglab.wal.RecordDecoder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real pgoutput stream of one test schema's {@code src}: a publication and a logical slot, read back with
 * {@code pg_logical_slot_get_binary_changes} (the same message bytes a walsender streams), decoded by
 * bench-walstream's {@link RecordDecoder} and written by {@link WalDiWriter}.
 */
record WalFeed(String slot, String publication) {

    static WalFeed start(Connection c, String schema, String replicaIdentity) {
        WalFeed f = new WalFeed(schema + "_slot", schema + "_pub");
        Jdbc.run(c, "ALTER TABLE " + Sql.qualified(schema, "src") + " REPLICA IDENTITY " + replicaIdentity,
                "CREATE PUBLICATION " + Sql.ident(f.publication) + " FOR TABLE " + Sql.qualified(schema, "src"));
        Jdbc.queryString(c, "SELECT pg_create_logical_replication_slot(" + Sql.literal(f.slot) + ", 'pgoutput')");
        return f;
    }

    WalDiWriter drainInto(Connection c, ChangeBufferSchema schema) throws SQLException {
        // the embedded server runs with synchronous_commit = off and logical decoding reads only flushed WAL:
        // a flushed logical message (PostgreSQL 17's flush argument) flushes everything written before it
        Jdbc.queryString(c, "SELECT pg_logical_emit_message(false, 'pglab-flush', '', true)");
        WalDiWriter writer = new WalDiWriter(c, schema);
        RecordDecoder decoder = new RecordDecoder();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT data FROM pg_logical_slot_get_binary_changes(" + Sql.literal(slot) + ", NULL, NULL, 'proto_version', '1', "
                        + "'publication_names', " + Sql.literal(publication) + ")")) {
            java.util.List<byte[]> messages = new java.util.ArrayList<>();
            while (rs.next()) {
                messages.add(rs.getBytes(1));
            }
            for (byte[] m : messages) {
                writer.accept(decoder.decode(m));
            }
        }
        return writer;
    }

    static void dropIfAny(Connection c, String schema) {
        Jdbc.run(c, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = " + Sql.literal(schema + "_slot"),
                "DROP PUBLICATION IF EXISTS " + Sql.ident(schema + "_pub"));
    }
}
