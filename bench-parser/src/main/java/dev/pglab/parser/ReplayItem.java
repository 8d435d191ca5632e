package dev.pglab.parser;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One thing a captured session did that a replay can do again. The contract between the parser (which
 * produces items, in log order) and the replayer (which paces and runs them per session).
 */
public sealed interface ReplayItem {

    /** The session as the log names it ({@code %c}, e.g. {@code 6745a3f1.1b2c}). */
    String sessionId();

    /** When the log stamped it, at the log's precision and in its zone. */
    LogTimestamp timestamp();

    /** {@code connection authorized: user=U database=D}. */
    record Connect(String sessionId, LogTimestamp timestamp, String user, String database) implements ReplayItem {
    }

    /** {@code disconnection: session time: ...}. */
    record Disconnect(String sessionId, LogTimestamp timestamp) implements ReplayItem {
    }

    /**
     * A simple-protocol statement ({@code statement: SQL}, or {@code duration: X ms  statement: SQL} when only
     * log_min_duration_statement logs it).
     *
     * @param durationMillis the captured duration, when the log has it
     * @param failed         whether it ended in ERROR in the capture
     */
    record Statement(String sessionId, LogTimestamp timestamp, String user, String database, String sql,
                     OptionalDouble durationMillis, boolean failed) implements ReplayItem {
    }

    /**
     * An extended-protocol execution ({@code execute <name>: SQL} or {@code execute <unnamed>: SQL}) with the
     * bind values from its {@code DETAIL:  parameters:} line.
     *
     * @param statementName the prepared statement's name, or {@code ""} for the unnamed statement
     * @param parameters    values of $1..$n as text, {@code null} for NULL; empty when there are none
     */
    record Execute(String sessionId, LogTimestamp timestamp, String user, String database, String statementName,
                   String sql, List<String> parameters, OptionalDouble durationMillis, boolean failed) implements ReplayItem {
        public boolean named() {
            return !statementName.isEmpty();
        }
    }
}
