package dev.pglab.cdc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The few JDBC calls the engine makes, with the failing statement in the error. */
public final class Jdbc {
    private Jdbc() {
    }

    public static void run(Connection c, List<String> statements) {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new CdcException(e.getMessage() + "\n  in statement:\n" + sql, e);
                }
            }
        } catch (SQLException e) {
            throw new CdcException("cannot run statements on " + url(c) + ": " + e.getMessage(), e);
        }
    }

    public static void run(Connection c, String... statements) {
        run(c, List.of(statements));
    }

    public static long queryLong(Connection c, String sql) {
        String v = queryString(c, sql);
        return v == null ? 0 : Long.parseLong(v);
    }

    public static String queryString(Connection c, String sql) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new CdcException(e.getMessage() + "\n  in query:\n" + sql, e);
        }
    }

    private static String url(Connection c) {
        try {
            return c.getMetaData().getURL();
        } catch (SQLException e) {
            return "(unknown server)";
        }
    }
}
