package dev.pglab.replay.compare;

import dev.pglab.harness.pg.ConnInfo;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.replay.ReplayTarget;
import dev.pglab.replay.ServerTarget;
import dev.pglab.replay.UrlTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One side of a compare: where its replays run, how pglab reaches that server as an administrator (to apply
 * settings and restore the starting state), and the settings it was given. Closing it stops a server it started.
 */
public final class CompareSide implements AutoCloseable {
    /** An administrator's connection to a database of the side's server. */
    @FunctionalInterface
    public interface Admin {
        Connection connect(String database) throws SQLException;
    }

    private final String label;
    private final ReplayTarget target;
    private final Admin admin;
    private final Map<String, String> settings;
    private final AutoCloseable owned;
    /** After applying: what the server reports for each setting. */
    private final Map<String, String> applied = new LinkedHashMap<>();

    private CompareSide(String label, ReplayTarget target, Admin admin, Map<String, String> settings, AutoCloseable owned) {
        this.label = label;
        this.target = target;
        this.admin = admin;
        this.settings = Map.copyOf(settings);
        this.owned = owned;
    }

    /**
     * Starts an embedded server with {@code settings}: those whose context needs a restart (postmaster) are
     * start-up settings of the server; the others are applied with ALTER SYSTEM and a reload, as on any server.
     */
    public static CompareSide embedded(String label, Map<String, String> settings) throws SQLException {
        PgServerConfig config = PgServerConfig.embedded();
        PgServer probe = PgServer.start(config);
        List<String> restart;
        try (Connection c = probe.connect()) {
            restart = ServerSettings.needingRestart(c, settings, label);
        } catch (SQLException | RuntimeException e) {
            probe.close();
            throw e;
        }
        PgServer server = probe;
        if (!restart.isEmpty()) {
            probe.close();
            for (String name : restart) {
                config = config.withSetting(name, settings.get(name));
            }
            server = PgServer.start(config);
        }
        PgServer s = server;
        CompareSide side = new CompareSide(label, ServerTarget.of(s, true), s::connect, settings, s);
        side.apply(restart);
        return side;
    }

    /** A running server; a setting that needs a restart is refused (pglab does not restart servers it did not start). */
    public static CompareSide server(String label, ConnInfo info, Map<String, String> settings) throws SQLException {
        UrlTarget target = UrlTarget.of(info);
        CompareSide side = new CompareSide(label, target, db -> target.connect(info.user(), db), settings, null);
        try (Connection c = side.admin.connect(info.database())) {
            List<String> restart = ServerSettings.needingRestart(c, settings, label);
            if (!restart.isEmpty()) {
                throw new IllegalArgumentException("--" + label.toLowerCase(java.util.Locale.ROOT) + "-set " + restart
                        + ": needs a server restart, which pglab does only for the embedded server it starts");
            }
        }
        side.apply(List.of());
        return side;
    }

    private void apply(List<String> atStart) throws SQLException {
        String db = "postgres";
        try (Connection c = admin.connect(db)) {
            ServerSettings.apply(c, settings, atStart);
        }
        try (Connection fresh = admin.connect(db)) { // a new backend: it started after the reload
            applied.putAll(ServerSettings.current(fresh, settings.keySet()));
        }
    }

    public String label() {
        return label;
    }

    public ReplayTarget target() {
        return target;
    }

    public Admin admin() {
        return admin;
    }

    public Map<String, String> settings() {
        return settings;
    }

    /** Each given setting as the server shows it after applying. */
    public Map<String, String> applied() {
        return Map.copyOf(applied);
    }

    /** Makes sure the capture's user and database exist (an embedded server starts empty). */
    void provision(String user, String database) throws SQLException {
        if (target instanceof ServerTarget st) {
            st.provision(user, database);
        }
    }

    @Override
    public void close() throws Exception {
        target.close();
        if (owned != null) {
            owned.close();
        }
    }
}
