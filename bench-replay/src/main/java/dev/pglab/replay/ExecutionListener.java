package dev.pglab.replay;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A hook into the replay driver, e.g. for the session trace: it learns of every connection a replayed session
 * opens and of every execution it runs. Callbacks run on the session's own (virtual) thread, in the session's
 * order; calls for different sessions run concurrently, so implementations must be thread-safe across sessions.
 * Time spent in a callback delays that session only.
 */
public interface ExecutionListener {

    /**
     * The session connected; none of its items has run yet. The listener may run statements on the connection
     * (e.g. session-level settings); they are not measured. Throwing fails the session's connect, as a refused
     * connection does.
     */
    default void connectionOpened(SessionInfo session, Connection connection) throws SQLException {
    }

    /** A statement or execute finished (successfully or with an error). */
    default void executed(Execution execution) {
    }

    /** The session's connection is about to close (disconnect item, end of replay, or stop). */
    default void connectionClosing(SessionInfo session, Connection connection) {
    }
}
