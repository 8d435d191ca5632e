package dev.pglab.replay;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PgServer} as the target. With provisioning on (as {@code --target embedded} does), the capture's users
 * and databases are created the first time a session needs them: users as superusers (so the replay never fails
 * on privileges the original users had), databases owned by the first user that asks for one.
 */
public final class ServerTarget implements ReplayTarget {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTarget.class);
    private final PgServer server;
    private final boolean provision;
    private final boolean ownsServer;
    private final TargetConnections connections;
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private final Set<String> databases = ConcurrentHashMap.newKeySet();

    private ServerTarget(PgServer server, boolean provision, boolean ownsServer) {
        this.server = server;
        this.provision = provision;
        this.ownsServer = ownsServer;
        this.connections = new TargetConnections(server.host() + ":" + server.port(), java.util.Map.of(), server.password());
    }

    /** Replays into a running server; creates missing users and databases when {@code provision}. */
    public static ServerTarget of(PgServer server, boolean provision) {
        return new ServerTarget(server, provision, false);
    }

    /** Starts an embedded server (no profiles) that lives as long as this target. */
    public static ServerTarget embedded() {
        return new ServerTarget(PgServer.start(PgServerConfig.embedded()), true, true);
    }

    public PgServer server() {
        return server;
    }

    @Override
    public Connection connect(String user, String database) throws SQLException {
        if (provision) {
            provision(user, database);
        }
        return connections.connect(user, database);
    }

    /**
     * Creates the user and database now if they are missing (otherwise the first session that needs them does,
     * inside the replay). A prepared target, as a real one would be.
     */
    public void provision(String user, String database) throws SQLException {
        ensureUser(user);
        ensureDatabase(database, user);
    }

    private void ensureUser(String user) throws SQLException {
        if (users.contains(user)) {
            return;
        }
        synchronized (users) {
            if (users.contains(user)) {
                return;
            }
            try (Connection admin = server.connect(); var st = admin.prepareStatement(
                    "select 1 from pg_roles where rolname = ?")) {
                st.setString(1, user);
                boolean exists;
                try (var rs = st.executeQuery()) {
                    exists = rs.next();
                }
                if (!exists) {
                    try (var create = admin.createStatement()) {
                        create.execute("create role " + quoteIdent(user) + " login superuser");
                    }
                    LOG.info("created user {} on {}", user, describe());
                }
            }
            users.add(user);
        }
    }

    private void ensureDatabase(String database, String owner) throws SQLException {
        if (databases.contains(database)) {
            return;
        }
        synchronized (databases) {
            if (databases.contains(database)) {
                return;
            }
            try (Connection admin = server.connect(); var st = admin.prepareStatement(
                    "select 1 from pg_database where datname = ?")) {
                st.setString(1, database);
                boolean exists;
                try (var rs = st.executeQuery()) {
                    exists = rs.next();
                }
                if (!exists) {
                    try (var create = admin.createStatement()) {
                        create.execute("create database " + quoteIdent(database) + " owner " + quoteIdent(owner));
                    }
                    LOG.info("created database {} on {}", database, describe());
                }
            }
            databases.add(database);
        }
    }

    static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public String describe() {
        return (ownsServer ? "embedded " : "") + "postgresql://" + server.host() + ":" + server.port();
    }

    public Optional<PgServer> ownedServer() {
        return ownsServer ? Optional.of(server) : Optional.empty();
    }

    @Override
    public void close() {
        if (ownsServer) {
            server.close();
        }
    }
}
