package dev.pglab.trace;

import java.util.List;

/**
 * One call a traced session made, as the client saw it. Written by the session's own thread while the call
 * runs; read by the tracer only after the session has ended, so plain fields suffice (the
 * {@link SessionRecorder}'s lock publishes them).
 */
public final class TracedCall {
    final long seq;
    final String sql;
    final List<List<Bind>> bindSets;
    final long startNanos;
    long endNanos;
    long rows;
    String sqlState;
    String error;

    TracedCall(long seq, String sql, List<List<Bind>> bindSets, long startNanos) {
        this.seq = seq;
        this.sql = sql;
        this.bindSets = bindSets;
        this.startNanos = startNanos;
    }

    /** Adds rows read after the call returned (a result set consumed later). */
    public void addRows(long more) {
        rows += more;
    }

    public long seq() {
        return seq;
    }

    public String sql() {
        return sql;
    }

    public long rows() {
        return rows;
    }

    boolean failed() {
        return sqlState != null || error != null;
    }
}
