package dev.pglab.replay.compare;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings of a compare side, applied the way their pg_settings.context allows. */
public final class ServerSettings {
    private ServerSettings() {
    }

    /** {@code name=value,name=value} (repeatable option values joined) into a map; a pair without = is an error. */
    public static Map<String, String> parse(List<String> values, String option) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values) {
            for (String pair : v.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(option + " '" + pair + "': expected name=value, e.g. work_mem=64MB");
                }
                out.put(pair.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT), pair.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** The names whose context is postmaster; an unknown name is an error naming the option. */
    static List<String> needingRestart(Connection c, Map<String, String> settings, String side) throws SQLException {
        List<String> restart = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("select context from pg_settings where name = ?")) {
            for (String name : settings.keySet()) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("--" + side.toLowerCase(java.util.Locale.ROOT) + "-set " + name
                                + ": no such setting in pg_settings");
                    }
                    if (rs.getString(1).equals("postmaster")) {
                        restart.add(name);
                    }
                }
            }
        }
        return restart;
    }

    /** ALTER SYSTEM for every setting not set at start, then one pg_reload_conf(). */
    static void apply(Connection c, Map<String, String> settings, Collection<String> setAtStart) throws SQLException {
        boolean any = false;
        try (Statement st = c.createStatement()) {
            for (var e : settings.entrySet()) {
                if (setAtStart.contains(e.getKey())) {
                    continue;
                }
                st.execute("alter system set " + ident(e.getKey()) + " = " + literal(e.getValue()));
                any = true;
            }
            if (any) {
                st.execute("select pg_reload_conf()");
            }
        }
        if (any) {
            waitForReload(c, settings, setAtStart);
        }
    }

    /** pg_reload_conf() only signals: wait until a new backend sees the values, so the first replay runs with them. */
    private static void waitForReload(Connection c, Map<String, String> settings, Collection<String> setAtStart) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "select name, error from pg_file_settings where name = ? and error is not null")) {
            for (String name : settings.keySet()) {
                if (setAtStart.contains(name)) {
                    continue;
                }
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        throw new IllegalArgumentException("setting " + name + " = '" + settings.get(name)
                                + "' was refused by the server: " + rs.getString(2));
                    }
                }
            }
        }
        try {
            Thread.sleep(200); // the postmaster re-reads the file asynchronously; new sessions see it after that
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the server reports for each name now. */
    static Map<String, String> current(Connection c, Collection<String> names) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("select current_setting(?)")) {
            for (String n : names) {
                st.setString(1, n);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    out.put(n, rs.getString(1));
                }
            }
        }
        return out;
    }

    static String ident(String name) {
        if (!name.matches("[a-z_][a-z0-9_.]*")) {
            throw new IllegalArgumentException("setting name '" + name + "': expected letters, digits, _ and .");
        }
        return name;
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
