package dev.pglab.harness.pg;

import java.net.URI;
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

    static ExternalPgServer parse(PgServerConfig config, String url) {
        String u = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri;
        try {
            uri = URI.create(u.replaceFirst("^postgres(ql)?:", "postgresql:"));
        } catch (IllegalArgumentException e) {
            throw new PgServerException("not a PostgreSQL URL: " + url + " (expected jdbc:postgresql://host:port/db or postgresql://user@host/db)");
        }
        if (uri.getHost() == null) {
            throw new PgServerException("no host in PostgreSQL URL " + url);
        }
        Properties q = new Properties();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    q.setProperty(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        String user = q.getProperty("user", System.getenv().getOrDefault("PGUSER", System.getProperty("user.name")));
        String pass = q.getProperty("password", System.getenv("PGPASSWORD"));
        if (uri.getUserInfo() != null) {
            String[] ui = uri.getUserInfo().split(":", 2);
            user = ui[0];
            if (ui.length == 2) {
                pass = ui[1];
            }
        }
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? user : uri.getPath().substring(1);
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        return new ExternalPgServer(config, uri.getHost(), port, db, user, Optional.ofNullable(pass));
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
