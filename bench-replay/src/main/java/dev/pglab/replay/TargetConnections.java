package dev.pglab.replay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Opens replay connections to one server: {@code jdbc:postgresql://host:port/<database>} with the session's
 * user. The password comes from {@code PGPASSWORD}; without it PgJDBC looks in {@code PGPASSFILE} or
 * {@code ~/.pgpass} itself.
 *
 * @param hostPort   {@code host:port} (or several, comma-separated, as PgJDBC accepts)
 * @param options    extra PgJDBC properties from the target URL's query
 * @param password   one password for every user, when given
 */
record TargetConnections(String hostPort, Map<String, String> options, Optional<String> password) {

    /** Our own settings: they decide which protocol each item uses, so the URL cannot override them. */
    static final Map<String, String> REPLAY_PROPERTIES = Map.of(
            // Statement -> simple query protocol, PreparedStatement -> extended protocol (Parse/Bind/Execute)
            "preferQueryMode", "extendedForPrepared",
            // unnamed (parsed on every execute) unless a named captured statement asks for a server-prepared one
            "prepareThreshold", "0",
            // a closed named statement is closed on the server too (a captured DEALLOCATE), not kept in a cache
            "preparedStatementCacheQueries", "0",
            "ApplicationName", "pglab replay",
            "assumeMinServerVersion", "10");

    Connection connect(String user, String database) throws SQLException {
        Properties props = new Properties();
        options.forEach(props::setProperty);
        REPLAY_PROPERTIES.forEach(props::setProperty);
        props.setProperty("user", user);
        password.ifPresent(p -> props.setProperty("password", p));
        Connection c = DriverManager.getConnection("jdbc:postgresql://" + hostPort + "/" + database, props);
        c.setAutoCommit(true);
        return c;
    }

    static Optional<String> passwordFromEnvironment() {
        return Optional.ofNullable(System.getenv("PGPASSWORD")).filter(p -> !p.isEmpty());
    }
}
