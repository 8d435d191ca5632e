package dev.pglab.wal.bench;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.wal.MessageTypes;
import dev.pglab.wal.pgo.PgoImage;
import io.debezium.config.Configuration;
import io.debezium.connector.common.CdcSourceTaskContext;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.connector.postgresql.PostgresSchema;
import io.debezium.connector.postgresql.PostgresStreamingChangeEventSource.PgConnectionSupplier;
import io.debezium.connector.postgresql.PostgresValueConverter;
import io.debezium.connector.postgresql.TypeRegistry;
import io.debezium.connector.postgresql.connection.MessageDecoderContext;
import io.debezium.connector.postgresql.connection.PostgresConnection;
import io.debezium.connector.postgresql.connection.ReplicationMessage;
import io.debezium.connector.postgresql.connection.ReplicationStream.ReplicationMessageProcessor;
import io.debezium.connector.postgresql.connection.pgoutput.PgOutputMessageDecoder;
import io.debezium.relational.CustomConverterRegistry;
import io.debezium.relational.TableId;
import io.debezium.schema.SchemaTopicNamingStrategy;
import io.debezium.spi.topic.TopicNamingStrategy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.Blackhole;
import org.postgresql.core.BaseConnection;

/**
 * Debezium's {@code PgOutputMessageDecoder} (debezium-connector-postgres, a {@code provided} dependency of this
 * module: on the benchmark class path, never in the cli jar) set up the way its connector sets it up, so
 * DecodeBench can run it on the same bytes as pglab's decoders. Debezium needs a live server for that: its
 * {@code TypeRegistry} reads {@code pg_type}, and every Relation message makes it read the table's columns and
 * keys over JDBC. So the constructor (called from a trial setup, never measured) creates the capture's tables in
 * a database of {@code server} and feeds Debezium the capture's Relation messages; afterwards decoding B, C, I,
 * U, D runs from memory, though Debezium keeps the connection open.
 *
 * <p>Two levels, as the anchors file defines them: {@link Level#STRINGS} = {@code processMessage} only (Debezium
 * has then built a String per text column and a column object per column; the consumer touches each column
 * object, no value conversion); {@link Level#TYPED} = plus {@code Column.getValue(...)} on every column, which
 * converts the text to the column's Java type (Integer, String, timestamp, ...), as its connector does when it
 * builds a record. Debezium decodes protocol 1 text tuples only: there is no binary, streaming or two-phase path.
 */
final class DebeziumDecoding implements AutoCloseable {

    enum Level { STRINGS, TYPED }

    private final PostgresConnection connection;
    private final TypeRegistry registry;
    private final PgOutputMessageDecoder decoder;
    private final PgConnectionSupplier pgConnection;
    private final Level level;
    private final ByteBuffer window;
    private final Consumer consumer = new Consumer();

    /**
     * @param server   a live server for Debezium's setup
     * @param database a database to create there with {@code setupSql} (the capture's tables)
     */
    DebeziumDecoding(PgServer server, String database, List<String> setupSql, PgoImage image, Level level) throws SQLException {
        this.level = level;
        server.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)", "CREATE DATABASE " + database);
        try (var c = server.connect(database); var st = c.createStatement()) {
            for (String sql : setupSql) {
                st.execute(sql);
            }
        }
        Configuration.Builder config = Configuration.create()
                .with("database.hostname", server.host())
                .with("database.port", String.valueOf(server.port()))
                .with("database.user", server.user())
                .with("database.dbname", database)
                .with("topic.prefix", "pglab")
                .with("plugin.name", "pgoutput")
                .with("publication.name", "pglab_debezium_pub");
        server.password().ifPresent(p -> config.with("database.password", p));
        PostgresConnectorConfig connectorConfig = new PostgresConnectorConfig(config.build());
        try (PostgresConnection plain = new PostgresConnection(connectorConfig.getJdbcConfig(), "pglab type registry")) {
            registry = new TypeRegistry(plain);
        }
        connection = new PostgresConnection(connectorConfig.getJdbcConfig(), registry,
                r -> PostgresValueConverter.of(connectorConfig, StandardCharsets.UTF_8, r), "pglab decoder");
        PostgresSchema schema = newSchema(connectorConfig, connection);
        decoder = new PgOutputMessageDecoder(new MessageDecoderContext(connectorConfig, schema), connection);
        pgConnection = () -> connection.connection().unwrap(BaseConnection.class);
        window = image.buffer().duplicate();
        // as a connector after its first transaction: Debezium has read each Relation message (JDBC metadata)
        for (int i = 0; i < image.size(); i++) {
            if (image.type(i) == MessageTypes.RELATION) {
                decode(image.payloadOffset(i), image.length(i), null);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PostgresSchema newSchema(PostgresConnectorConfig config, PostgresConnection connection) throws SQLException {
        var context = new CdcSourceTaskContext<>(config.getConfig(), config, Map.of());
        TopicNamingStrategy<TableId> topics = (TopicNamingStrategy) SchemaTopicNamingStrategy.create(config);
        // PostgresSchema's constructor is protected: the connector builds it through its task; an empty subclass does here
        return new PostgresSchema(context, connection.getDefaultValueConverter(), topics,
                PostgresValueConverter.of(config, StandardCharsets.UTF_8, connection.getTypeRegistry()),
                new CustomConverterRegistry(List.of())) {
        };
    }

    /**
     * Decodes one message of {@code length} bytes at {@code offset} of the image's buffer; the consumer feeds
     * {@code bh} (null: nothing consumed, for setup and checks).
     */
    void decode(int offset, int length, Blackhole bh) {
        window.limit(offset + length).position(offset);
        consumer.bh = bh;
        try {
            decoder.processMessage(window, consumer, registry);
        } catch (SQLException e) {
            throw new IllegalStateException("Debezium could not decode the message at offset " + offset + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** DML messages Debezium delivered as INSERT, UPDATE or DELETE with their columns (a check, not a measurement). */
    long dmlSeen() {
        return consumer.dml;
    }

    /** Messages Debezium turned into a NOOP (e.g. a change to a relation it does not know): must stay 0. */
    long noops() {
        return consumer.noops;
    }

    @Override
    public void close() throws SQLException {
        decoder.close();
        connection.close();
    }

    /** What a consumer of Debezium's decoder sees: a ReplicationMessage per pgoutput message. */
    private final class Consumer implements ReplicationMessageProcessor {
        Blackhole bh;
        long dml;
        long noops;

        @Override
        public void process(ReplicationMessage message) throws SQLException {
            switch (message.getOperation()) {
                case INSERT -> {
                    dml++;
                    columns(message.getNewTupleList());
                }
                case UPDATE -> {
                    dml++;
                    columns(message.getOldTupleList());
                    columns(message.getNewTupleList());
                }
                case DELETE -> {
                    dml++;
                    columns(message.getOldTupleList());
                }
                case NOOP -> noops++;
                default -> consume(message);
            }
        }

        private void columns(List<ReplicationMessage.Column> columns) throws SQLException {
            if (columns == null) {
                return;
            }
            for (int i = 0, n = columns.size(); i < n; i++) {
                ReplicationMessage.Column column = columns.get(i);
                consume(level == Level.TYPED ? column.getValue(pgConnection, true) : column);
            }
        }

        private void consume(Object o) {
            if (bh != null) {
                bh.consume(o);
            }
        }
    }
}
