package dev.pglab.harness.pg;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A running PostgreSQL server, wherever it comes from. Closing it stops servers pglab started and removes
 * their data; an external server is only disconnected from.
 */
public sealed interface PgServer extends AutoCloseable permits EmbeddedPgServer, DockerPgServer, ExternalPgServer {

    /** Starts (or, for an external server, checks) a server as configured. */
    static PgServer start(PgServerConfig config) {
        PgServer server = switch (config.source()) {
            case EMBEDDED -> EmbeddedPgServer.start(config);
            case DOCKER -> DockerPgServer.start(config);
            case EXTERNAL -> ExternalPgServer.connect(config);
        };
        dev.pglab.harness.result.RunNotes.note("postgres", java.util.Map.of(
                "source", server.source().name().toLowerCase(java.util.Locale.ROOT),
                "version", server.query("select version()"),
                "profiles", config.profileKey(),
                "settings", server.keySettings()));
        return server;
    }

    /** The settings a measurement depends on, for the result envelope. */
    default java.util.Map<String, String> keySettings() {
        java.util.Map<String, String> s = new java.util.TreeMap<>();
        for (String name : java.util.List.of("server_version", "shared_buffers", "work_mem", "wal_level",
                "synchronous_commit", "fsync", "max_wal_size", "log_statement", "log_destination",
                "shared_preload_libraries", "track_io_timing", "jit")) {
            s.put(name, setting(name));
        }
        return s;
    }

    PgSource source();

    Set<ServerProfile> profiles();

    String host();

    int port();

    /** The database pglab connects to by default. */
    String database();

    String user();

    Optional<String> password();

    /** JDBC URL of the default database. */
    default String jdbcUrl() {
        return jdbcUrl(database());
    }

    default String jdbcUrl(String databaseName) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + databaseName;
    }

    /** JDBC URL for PgJDBC's replication API (logical replication, database mode). */
    default String replicationUrl() {
        return jdbcUrl() + "?replication=database&assumeMinServerVersion=10&preferQueryMode=simple";
    }

    /** Connection properties (user, password) for {@link DriverManager}. */
    default Properties connectionProperties() {
        Properties props = new Properties();
        props.setProperty("user", user());
        password().ifPresent(p -> props.setProperty("password", p));
        return props;
    }

    default Connection connect() throws SQLException {
        return connect(database());
    }

    default Connection connect(String databaseName) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(databaseName), connectionProperties());
    }

    default Connection connect(String databaseName, Map<String, String> extraProperties) throws SQLException {
        Properties props = connectionProperties();
        extraProperties.forEach(props::setProperty);
        return DriverManager.getConnection(jdbcUrl(databaseName), props);
    }

    /** {@code server_version_num}, e.g. 170006. */
    default int versionNum() {
        return Integer.parseInt(setting("server_version_num"));
    }

    /** {@code version()}, e.g. "PostgreSQL 17.6 on x86_64-pc-linux-gnu ...". */
    default String version() {
        return query("select version()");
    }

    /** The current value of a setting, as {@code current_setting} gives it. */
    default String setting(String name) {
        try (Connection c = connect(); var ps = c.prepareStatement("select current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new PgServerException("cannot read setting " + name + " from " + jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Runs a query returning one value. */
    default String query(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new PgServerException("query failed on " + jdbcUrl() + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs statements, one after the other, in autocommit. */
    default void execute(String... sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new PgServerException("statement failed on " + jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The server's current log files, as {@code pg_current_logfile()} names them, resolved to paths this
     * process can read.
     */
    ServerLogFiles logFiles();

    /** The data directory where this process can see it, when it can. */
    Optional<Path> dataDirectory();

    @Override
    void close();
}
