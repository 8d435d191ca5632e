package dev.pglab.replay;

import dev.pglab.parser.ReplayItem;
import java.util.List;
import java.util.Optional;

/**
 * One statement or execute the replay ran, as the driver saw it. Times are {@link System#nanoTime()} values of
 * this JVM: {@code dueNanos} is when the schedule wanted it, {@code startNanos} when it was sent, {@code endNanos}
 * when its last result arrived.
 *
 * @param sessionId  the captured session ({@code %c})
 * @param backendPid the target backend that ran it, 0 when unknown
 * @param kind       simple statement or extended-protocol execute
 * @param sql        the text sent
 * @param binds      bind values of an execute as text ({@code null} elements are SQL NULL); empty for a statement
 * @param rows       rows returned, or rows affected when it returned none
 * @param sqlState   the SQLSTATE when it failed, {@code null} when it succeeded
 * @param item       the captured item it replays
 */
public record Execution(String sessionId, int backendPid, Kind kind, String sql, List<String> binds,
                        long dueNanos, long startNanos, long endNanos, long rows, String sqlState, ReplayItem item) {

    public enum Kind { STATEMENT, EXECUTE }

    public boolean failed() {
        return sqlState != null;
    }

    public Optional<String> error() {
        return Optional.ofNullable(sqlState);
    }

    /** Start minus due: how late the driver sent it. */
    public long latenessNanos() {
        return startNanos - dueNanos;
    }

    /** End minus due: what a user scheduled at the captured time would have waited. */
    public long responseNanos() {
        return endNanos - dueNanos;
    }

    /** End minus start: what the server (and network) took. */
    public long serviceNanos() {
        return endNanos - startNanos;
    }
}
