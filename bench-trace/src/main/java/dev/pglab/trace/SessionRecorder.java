package dev.pglab.trace;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client-side half of one session's trace: every call with its SQL, binds, start, end, rows and error. This
 * is the explicit API (the replay engine's hook calls it); {@link TracingConnection} calls it for a wrapped JDBC
 * connection. One recorder per session; calls come from the session's thread.
 *
 * <pre>{@code
 * TracedCall e = recorder.begin(sql, List.of(binds));
 * try { long rows = run(); recorder.end(e, rows); }
 * catch (SQLException x) { recorder.fail(e, x); throw x; }
 * }</pre>
 */
public final class SessionRecorder {
    private final String name;
    private final int backendPid;
    private final long openedNanos;
    private final List<TracedCall> executions = new ArrayList<>();
    private long closedNanos = -1;
    private final Runnable onClose;

    SessionRecorder(String name, int backendPid, long openedNanos, Runnable onClose) {
        this.name = name;
        this.backendPid = backendPid;
        this.openedNanos = openedNanos;
        this.onClose = onClose;
    }

    public String name() {
        return name;
    }

    public int backendPid() {
        return backendPid;
    }

    /** Marks the start of a call now. */
    public TracedCall begin(String sql, List<List<Bind>> bindSets) {
        return begin(sql, bindSets, System.nanoTime());
    }

    /** Marks the start of a call at a {@link System#nanoTime()} the caller took. */
    public synchronized TracedCall begin(String sql, List<List<Bind>> bindSets, long startNanos) {
        TracedCall e = new TracedCall(executions.size() + 1L, sql, bindSets, startNanos);
        executions.add(e);
        return e;
    }

    public void end(TracedCall e, long rows) {
        end(e, rows, System.nanoTime());
    }

    public synchronized void end(TracedCall e, long rows, long endNanos) {
        e.endNanos = endNanos;
        e.rows = rows;
    }

    public void fail(TracedCall e, SQLException error) {
        fail(e, error.getSQLState(), error.getMessage(), System.nanoTime());
    }

    public synchronized void fail(TracedCall e, String sqlState, String message, long endNanos) {
        e.endNanos = endNanos;
        e.sqlState = sqlState;
        e.error = message;
    }

    /**
     * Records a finished call in one go, for a caller that timed it itself (both times from
     * {@link System#nanoTime()}); {@code sqlState} null when it succeeded.
     */
    public synchronized void record(String sql, List<Bind> binds, long startNanos, long endNanos, long rows,
                                    String sqlState, String message) {
        TracedCall e = begin(sql, binds.isEmpty() ? List.of() : List.of(binds), startNanos);
        e.endNanos = endNanos;
        e.rows = rows;
        e.sqlState = sqlState;
        e.error = message;
    }

    /** The session ended (its connection closes); later calls are still recorded, but waits stop being matched. */
    public void close() {
        synchronized (this) {
            if (closedNanos >= 0) {
                return;
            }
            closedNanos = System.nanoTime();
        }
        onClose.run();
    }

    synchronized boolean isClosed() {
        return closedNanos >= 0;
    }

    synchronized List<TracedCall> executions() {
        return List.copyOf(executions);
    }

    long openedNanos() {
        return openedNanos;
    }

    synchronized long closedNanos() {
        return closedNanos;
    }
}
