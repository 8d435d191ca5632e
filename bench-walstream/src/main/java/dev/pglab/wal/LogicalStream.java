package dev.pglab.wal;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.fluent.logical.ChainedLogicalStreamBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live pgoutput stream over PgJDBC's replication API. {@link #run} blocks, hands every message to a
 * {@link ReplicationStream.Consumer} and reconnects with exponential backoff when the connection breaks, resuming from the last
 * confirmed LSN. Feedback (flushed and applied LSN) only ever reports what the consumer has handled: after the
 * consumer returns from a message that ends a transaction (Commit, Stream Commit, Prepare, Stream Prepare,
 * Commit Prepared, Rollback Prepared), its LSN becomes confirmed; consumers that buffer can call
 * {@link #confirm} themselves and turn automatic confirmation off. {@link #cancel} ends the stream cleanly
 * from any thread.
 *
 * <p>After a reconnect the server resends every transaction that committed after the confirmed LSN: a consumer
 * sees duplicates only past that point, never a gap (with a permanent slot; a temporary slot dies with its
 * connection, so a reconnect creates a new one and starts from its own position).
 */
public final class LogicalStream implements ReplicationStream {
    private static final Logger LOG = LoggerFactory.getLogger(LogicalStream.class);

    /** The stream's consumer under its former name; {@link ReplicationStream.Consumer} is the contract. */
    public interface Consumer extends ReplicationStream.Consumer {
    }

    private final LogicalStreamConfig config;
    private final boolean autoConfirm;
    private volatile boolean cancelled;
    private volatile Connection current;
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile int connections;
    private volatile int protoVersion;

    public LogicalStream(LogicalStreamConfig config) {
        this(config, true);
    }

    /** @param autoConfirm confirm each transaction's end after the consumer handled it */
    public LogicalStream(LogicalStreamConfig config, boolean autoConfirm) {
        this.config = config;
        this.autoConfirm = autoConfirm;
        confirmed.set(config.startLsn());
    }

    /** Streams until {@link #cancel()}; throws when reconnecting fails more than the configured number of times. */
    @Override
    public void run(ReplicationStream.Consumer consumer) throws Exception {
        Duration backoff = config.initialBackoff();
        int failures = 0;
        boolean prepared = false;
        while (!cancelled) {
            try (Connection c = connect()) {
                current = c;
                if (cancelled) {
                    break;
                }
                int version = serverVersionNum(c);
                protoVersion = config.protoVersionFor(version);
                if (config.create() && !prepared) {
                    createPublication();
                }
                if (config.temporarySlot() || (config.create() && !prepared)) {
                    createSlot(c, version);
                }
                prepared = true;
                PGReplicationStream stream = start(c);
                connections++;
                long start = confirmed.get();
                consumer.onConnect(start, connections);
                failures = 0;
                backoff = config.initialBackoff();
                read(stream, consumer);
            } catch (SQLException e) {
                if (cancelled) {
                    break;
                }
                failures++;
                if (config.maxReconnects() >= 0 && failures > config.maxReconnects()) {
                    throw e;
                }
                LOG.warn("replication connection for slot {} failed ({}); reconnecting in {} ms from {}",
                        config.slot(), e.getMessage(), backoff.toMillis(), dev.pglab.wal.pgo.Lsn.format(confirmed.get()));
                TimeUnit.MILLISECONDS.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff.multipliedBy(2);
            } finally {
                current = null;
            }
        }
    }

    private void read(PGReplicationStream stream, ReplicationStream.Consumer consumer) throws Exception {
        long sentConfirmed = -1;
        while (!cancelled) {
            ByteBuffer message = stream.read();
            if (message == null) {
                throw new SQLException("the server ended the replication stream");
            }
            long lsn = stream.getLastReceiveLSN().asLong();
            int length = message.remaining();
            byte type = length > 0 ? message.get(message.position()) : 0;
            consumer.onMessage(lsn, message);
            messages.incrementAndGet();
            bytes.addAndGet(length);
            if (autoConfirm && MessageTypes.endsTransaction(type)) {
                confirm(lsn);
            }
            long c = confirmed.get();
            if (c != sentConfirmed) {
                LogSequenceNumber l = LogSequenceNumber.valueOf(c);
                stream.setAppliedLSN(l);
                stream.setFlushedLSN(l);
                sentConfirmed = c;
            }
        }
    }

    /** Marks everything up to {@code lsn} as handled: it is reported to the server and is where a reconnect resumes. */
    @Override
    public void confirm(long lsn) {
        confirmed.accumulateAndGet(lsn, (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
    }

    public long confirmedLsn() {
        return confirmed.get();
    }

    @Override
    public long messages() {
        return messages.get();
    }

    @Override
    public long payloadBytes() {
        return bytes.get();
    }

    /** How many times the stream has started (1 + reconnects). */
    public int connections() {
        return connections;
    }

    /** The proto_version in use (0 before the first connection). */
    public int protoVersion() {
        return protoVersion;
    }

    /** Ends {@link #run} from any thread: closes the connection a blocked read waits on. */
    @Override
    public void cancel() {
        cancelled = true;
        Connection c = current;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("closing the replication connection on cancel: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        cancel();
    }

    private Connection connect() throws SQLException {
        Properties p = (Properties) config.properties().clone();
        p.setProperty("replication", "database");
        p.setProperty("assumeMinServerVersion", "10");
        p.setProperty("preferQueryMode", "simple");
        return DriverManager.getConnection(config.jdbcUrl(), p);
    }

    private static int serverVersionNum(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

    private void createPublication() throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.properties());
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_publication WHERE pubname = '" + config.publication() + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE PUBLICATION " + config.publication() + (config.createPublicationFor().isEmpty()
                    ? " FOR ALL TABLES" : " FOR TABLE " + String.join(", ", config.createPublicationFor())));
            LOG.info("created publication {}", config.publication());
        }
    }

    /** Creates the slot on the replication connection (a temporary slot lives as long as that connection). */
    private void createSlot(Connection c, int version) throws SQLException {
        if (!config.temporarySlot()) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + config.slot() + "'")) {
                if (rs.next()) {
                    return;
                }
            }
        }
        String sql;
        if (version >= 150000) {
            StringBuilder options = new StringBuilder("SNAPSHOT 'nothing'");
            if (config.twoPhase()) {
                options.append(", TWO_PHASE true");
            }
            if (config.failover() && version >= 170000 && !config.temporarySlot()) {
                options.append(", FAILOVER true");
            }
            sql = "CREATE_REPLICATION_SLOT " + config.slot() + (config.temporarySlot() ? " TEMPORARY" : "")
                    + " LOGICAL pgoutput (" + options + ")";
        } else {
            sql = "CREATE_REPLICATION_SLOT " + config.slot() + (config.temporarySlot() ? " TEMPORARY" : "")
                    + " LOGICAL pgoutput NOEXPORT_SNAPSHOT" + (config.twoPhase() ? " TWO_PHASE" : "");
        }
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
        LOG.info("created replication slot {}: {}", config.slot(), sql);
    }

    private PGReplicationStream start(Connection c) throws SQLException {
        ChainedLogicalStreamBuilder b = c.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                .withSlotName(config.slot())
                .withSlotOption("proto_version", protoVersion)
                .withSlotOption("publication_names", config.publication())
                .withStatusInterval((int) Math.max(1, config.statusInterval().toMillis()), TimeUnit.MILLISECONDS);
        if (config.streaming() != LogicalStreamConfig.Streaming.OFF) {
            b.withSlotOption("streaming", config.streaming().option());
        }
        if (config.binary()) {
            b.withSlotOption("binary", true);
        }
        if (config.messages()) {
            b.withSlotOption("messages", true);
        }
        if (config.twoPhase()) {
            b.withSlotOption("two_phase", true);
        }
        if (confirmed.get() != 0) {
            b.withStartPosition(LogSequenceNumber.valueOf(confirmed.get()));
        }
        return b.start();
    }

    /** The pid of the walsender serving a slot (pg_replication_slots.active_pid), or -1 when none is active. */
    public static long walsenderPid(Connection normal, String slot) throws SQLException {
        try (var ps = normal.prepareStatement("SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long pid = rs.getLong(1);
                    return rs.wasNull() ? -1 : pid;
                }
                return -1;
            }
        }
    }
}
