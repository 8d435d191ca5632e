package dev.pglab.replay;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;

/** How a replay tells a failed statement (recorded, session goes on) from a lost connection or a gone server. */
final class Faults {
    private Faults() {
    }

    static String stateOf(SQLException e) {
        String s = e.getSQLState();
        return s == null || s.isEmpty() ? "unknown" : s;
    }

    /** Class 08 (connection exception) and 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now). */
    static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    /** A connect that failed because nothing answered (or the server is shutting down), not because of a login. */
    static boolean isConnectionFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return isConnectionState(e.getSQLState()) && !"08004".equals(e.getSQLState());
    }

    static boolean isConnectionLoss(String state, Connection c) {
        if (isConnectionState(state)) {
            return true;
        }
        try {
            return c == null || c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
