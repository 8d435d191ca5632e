package dev.pglab.harness.pg;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A server the user runs, given by URL ({@code jdbc:postgresql://host:port/db?user=..&password=..} or
 * {@code postgresql://user:pass@host:port/db}). pglab never changes its settings: it checks that the
 * requested profiles are in effect and says which settings are missing.
 */
public final class ExternalPgServer implements PgServer {
    private final PgServerConfig config;
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final Optional<String> password;

    private ExternalPgServer(PgServerConfig config, String host, int port, String database, String user, Optional<String> password) {
        this.config = config;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    static ExternalPgServer connect(PgServerConfig config) {
        ExternalPgServer server = parse(config, config.url().orElseThrow());
        try (Connection c = server.connect()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new PgServerException("cannot connect to " + server.jdbcUrl() + " as " + server.user + ": " + e.getMessage(), e);
        }
        server.checkProfiles();
        return server;
    }

    /** The URL resolved as libpq would ({@link ConnInfo}): PG* variables and .pgpass fill what it leaves out. */
    static ExternalPgServer parse(PgServerConfig config, String url) {
        ConnInfo info;
        try {
            info = ConnInfo.resolve(new ConnInfo.Given(null, null, null, url), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new PgServerException(e.getMessage());
        }
        return new ExternalPgServer(config, info.host(), info.port(), info.database(), info.user(), info.password());
    }

    private void checkProfiles() {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : config.settings().entrySet()) {
            if (!isCheckable(e.getKey())) {
                continue;
            }
            String actual;
            try {
                actual = setting(e.getKey());
            } catch (PgServerException ex) {
                missing.add(e.getKey() + " (unreadable)");
                continue;
            }
            if (!matches(e.getKey(), e.getValue(), actual)) {
                missing.add(e.getKey() + " = '" + e.getValue() + "' (is '" + actual + "')");
            }
        }
        if (!missing.isEmpty()) {
            throw new PgServerException("the server at " + jdbcUrl() + " lacks settings of profiles " + config.profileKey()
                    + "; set them (postgresql.conf or ALTER SYSTEM, then restart) or run pglab against the embedded server:\n  "
                    + String.join("\n  ", missing));
        }
    }

    /** Sizes and file names are the user's business; only what changes behaviour is required. */
    private static boolean isCheckable(String name) {
        return switch (name) {
            case "log_directory", "log_filename", "log_rotation_age", "log_rotation_size", "max_replication_slots",
                 "max_wal_senders", "max_logical_replication_workers", "pg_stat_statements.track" -> false;
            default -> true;
        };
    }

    private static boolean matches(String name, String wanted, String actual) {
        if (name.equals("shared_preload_libraries") || name.equals("log_destination")) {
            Set<String> have = Set.of(actual.replace(" ", "").split(","));
            for (String w : wanted.split(",")) {
                if (!have.contains(w)) {
                    return false;
                }
            }
            return true;
        }
        return wanted.equalsIgnoreCase(actual);
    }

    @Override
    public PgSource source() {
        return PgSource.EXTERNAL;
    }

    @Override
    public Set<ServerProfile> profiles() {
        return config.profiles();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public Optional<String> password() {
        return password;
    }

    @Override
    public ServerLogFiles logFiles() {
        String dataDir = query("select current_setting('data_directory')");
        return LogFileLocator.locate(this, Path.of(dataDir));
    }

    @Override
    public Optional<Path> dataDirectory() {
        try {
            return Optional.of(Path.of(query("select current_setting('data_directory')")));
        } catch (PgServerException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        // the user's server keeps running
    }

    @Override
    public String toString() {
        return "external PostgreSQL " + jdbcUrl();
    }

    static Connection open(String url, Properties props) throws SQLException {
        return DriverManager.getConnection(url, props);
    }
}
