package dev.pglab.wal;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.ServerProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One live server and one pgoutput slot: inserts values into a one-column table, decodes the same changes once
 * with {@code binary 'true'} (rendered by {@link BinaryTextRenderer}) and once in text (the server's output
 * functions under the session's settings), and returns both.
 */
final class TextVsBinaryStream implements AutoCloseable {
    private static final String SLOT = "render_slot";
    private static final String PUBLICATION = "render_pub";

    private final PgServer server;
    private final Connection connection;
    private final Set<String> tables = new HashSet<>();

    /** What one type's values decoded to: text mode, binary mode rendered, and how many binary values came. */
    record Decoded(List<String> text, List<String> binary, int binaryValues, List<BinaryTextRenderer.Rendered> unknown) {
    }

    TextVsBinaryStream(String... setup) throws SQLException {
        server = PgServer.start(PgServerConfig.fromEnvironment(ServerProfile.LOGICAL));
        connection = server.connect();
        try (Statement s = connection.createStatement()) {
            // decoding reads flushed WAL only; the embedded server defaults to synchronous_commit = off
            s.execute("SET synchronous_commit = on");
            for (String sql : setup) {
                s.execute(sql);
            }
            s.execute("CREATE PUBLICATION " + PUBLICATION + " FOR ALL TABLES");
            s.execute("SELECT pg_create_logical_replication_slot('" + SLOT + "', 'pgoutput')");
        }
    }

    /**
     * Inserts every literal (null = SQL NULL) cast by {@code expression} (a SQL expression over one {@code ?},
     * e.g. {@code ?::int4[]}) into a fresh row of a table with one column of {@code sqlType}, then decodes.
     */
    Decoded roundTrip(String sqlType, String expression, List<String> literals, TextOutputSettings settings)
            throws SQLException {
        String table = "t_" + Integer.toHexString(sqlType.hashCode() & 0x7fffffff);
        try (Statement s = connection.createStatement()) {
            if (tables.add(table)) {
                s.execute("CREATE TABLE " + table + " (id serial PRIMARY KEY, v " + sqlType + ")");
            }
            s.execute("SET TimeZone = '" + settings.timeZone().getId() + "'");
            s.execute("SET extra_float_digits = " + settings.extraFloatDigits());
        }
        connection.setAutoCommit(false);
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table + " (v) VALUES (" + expression + ")")) {
            for (String literal : literals) {
                ps.setString(1, literal);
                ps.addBatch();
            }
            ps.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        List<String> binary = new ArrayList<>();
        List<BinaryTextRenderer.Rendered> unknown = new ArrayList<>();
        int[] binaryValues = {0};
        decode("peek", true, table, (decoder, insert) -> {
            Value v = insert.newTuple().get(1);
            if (v instanceof Value.Binary b) {
                binaryValues[0]++;
                var r = decoder.textRenderer(settings).render(insert.relation().columns().get(1).typeOid(), b.bytes());
                if (r instanceof BinaryTextRenderer.Rendered.Unknown) {
                    unknown.add(r);
                }
            }
            binary.add(decoder.textRenderer(settings).text(insert.relation(), insert.newTuple(), 1));
        });
        List<String> text = new ArrayList<>();
        decode("get", false, table, (decoder, insert) -> text.add(insert.newTuple().text(1)));
        return new Decoded(text, binary, binaryValues[0], unknown);
    }

    private interface InsertSink {
        void accept(RecordDecoder decoder, PgOutputMessage.Insert insert);
    }

    /** peek leaves the changes for the text pass; get consumes them. */
    private void decode(String mode, boolean binary, String table, InsertSink sink) throws SQLException {
        String sql = "SELECT data FROM pg_logical_slot_" + mode + "_binary_changes('" + SLOT + "', NULL, NULL,"
                + " 'proto_version', '1', 'publication_names', '" + PUBLICATION + "'"
                + (binary ? ", 'binary', 'true'" : "") + ")";
        RecordDecoder decoder = new RecordDecoder();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (decoder.decode(rs.getBytes(1)) instanceof PgOutputMessage.Insert i && i.relation().name().equals(table)) {
                    sink.accept(decoder, i);
                }
            }
        }
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.close();
        } finally {
            server.close();
        }
    }
}
