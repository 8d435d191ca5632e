package dev.pglab.wal;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * How {@link LogicalStream} connects and what it asks pgoutput for. Build with {@link #builder}.
 *
 * @param jdbcUrl        a plain JDBC URL of the database ({@code jdbc:postgresql://host:port/db}); replication
 *                       properties are added
 * @param properties     user, password and other connection properties
 * @param slot           the logical replication slot
 * @param publication    the publication to stream
 * @param createPublicationFor tables to publish when the publication is created (empty = ALL TABLES)
 * @param create         create the publication and slot when they do not exist
 * @param temporarySlot  create the slot TEMPORARY (dropped when the connection ends, so no resume after reconnect)
 * @param twoPhase       decode prepared transactions (slot option and pgoutput option; protocol 3+)
 * @param failover       create the slot with FAILOVER where the server has it (17+)
 * @param protoVersion   pgoutput proto_version, or 0 to choose the newest the server speaks
 * @param streaming      off, on or parallel
 * @param binary         binary tuple data
 * @param messages       logical decoding messages
 * @param startLsn       where to start when nothing is confirmed yet (0 = the slot's confirmed position)
 * @param statusInterval how often PgJDBC sends standby status (feedback) to the server
 * @param initialBackoff first wait before a reconnect; doubles up to maxBackoff
 * @param maxBackoff     longest wait between reconnects
 * @param maxReconnects  give up after this many consecutive failed attempts (-1 = never)
 */
public record LogicalStreamConfig(String jdbcUrl, Properties properties, String slot, String publication,
                                  List<String> createPublicationFor, boolean create, boolean temporarySlot,
                                  boolean twoPhase, boolean failover, int protoVersion, Streaming streaming,
                                  boolean binary, boolean messages, long startLsn, Duration statusInterval,
                                  Duration initialBackoff, Duration maxBackoff, int maxReconnects) {

    /** pgoutput's streaming option. */
    public enum Streaming {
        OFF, ON, PARALLEL;

        public String option() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public LogicalStreamConfig {
        properties = (Properties) properties.clone();
        createPublicationFor = List.copyOf(createPublicationFor);
        if (!slot.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("slot name '" + slot + "': expected 1-63 of a-z, 0-9 and _");
        }
        if (!publication.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("publication name '" + publication + "': expected an SQL identifier");
        }
        if (protoVersion < 0 || protoVersion > 4) {
            throw new IllegalArgumentException("proto_version " + protoVersion + ": expected 0 (choose) or 1-4");
        }
    }

    public static Builder builder(String jdbcUrl, String slot, String publication) {
        return new Builder(jdbcUrl, slot, publication);
    }

    /** The protocol version to ask for on a server of this version_num. */
    public int protoVersionFor(int serverVersionNum) {
        int newest = serverVersionNum >= 160000 ? 4 : serverVersionNum >= 150000 ? 3 : serverVersionNum >= 140000 ? 2 : 1;
        int chosen = protoVersion == 0 ? newest : protoVersion;
        if (chosen > newest) {
            throw new IllegalArgumentException("proto_version " + chosen + " needs a newer server than version " + serverVersionNum);
        }
        if (streaming == Streaming.PARALLEL && chosen < 4) {
            throw new IllegalArgumentException("streaming = parallel needs proto_version 4 (PostgreSQL 16+), got " + chosen);
        }
        if (streaming == Streaming.ON && chosen < 2) {
            throw new IllegalArgumentException("streaming = on needs proto_version 2 (PostgreSQL 14+), got " + chosen);
        }
        if (twoPhase && chosen < 3) {
            throw new IllegalArgumentException("two_phase needs proto_version 3 (PostgreSQL 15+), got " + chosen);
        }
        return chosen;
    }

    /** Fluent construction with lab defaults: protocol chosen, streaming off, text, messages on, 1 s status. */
    public static final class Builder {
        private final String jdbcUrl;
        private final String slot;
        private final String publication;
        private final Properties properties = new Properties();
        private List<String> tables = List.of();
        private boolean create;
        private boolean temporary;
        private boolean twoPhase;
        private boolean failover;
        private int proto;
        private Streaming streaming = Streaming.OFF;
        private boolean binary;
        private boolean messages = true;
        private long startLsn;
        private Duration statusInterval = Duration.ofSeconds(1);
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private int maxReconnects = -1;

        private Builder(String jdbcUrl, String slot, String publication) {
            this.jdbcUrl = jdbcUrl;
            this.slot = slot;
            this.publication = publication;
        }

        public Builder properties(Properties p) { properties.putAll(p); return this; }
        public Builder user(String user) { properties.setProperty("user", user); return this; }
        public Builder password(String pw) { properties.setProperty("password", pw); return this; }
        public Builder create(boolean v) { create = v; return this; }
        public Builder publish(List<String> t) { tables = t; return this; }
        public Builder temporarySlot(boolean v) { temporary = v; return this; }
        public Builder twoPhase(boolean v) { twoPhase = v; return this; }
        public Builder failover(boolean v) { failover = v; return this; }
        public Builder protoVersion(int v) { proto = v; return this; }
        public Builder streaming(Streaming v) { streaming = v; return this; }
        public Builder binary(boolean v) { binary = v; return this; }
        public Builder messages(boolean v) { messages = v; return this; }
        public Builder startLsn(long v) { startLsn = v; return this; }
        public Builder statusInterval(Duration v) { statusInterval = v; return this; }
        public Builder backoff(Duration initial, Duration max) { initialBackoff = initial; maxBackoff = max; return this; }
        public Builder maxReconnects(int v) { maxReconnects = v; return this; }

        public LogicalStreamConfig build() {
            return new LogicalStreamConfig(jdbcUrl, properties, slot, publication, tables, create, temporary, twoPhase,
                    failover, proto, streaming, binary, messages, startLsn, statusInterval, initialBackoff, maxBackoff,
                    maxReconnects);
        }
    }
}
