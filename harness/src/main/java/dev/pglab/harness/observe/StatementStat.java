package dev.pglab.harness.observe;

/**
 * One {@code pg_stat_statements} entry (or the difference of two), with the counters pglab compares. Times in
 * milliseconds, blocks in pages. I/O times are the shared block read/write times (named {@code blk_read_time}
 * before PostgreSQL 17).
 */
public record StatementStat(long queryId, long userId, long dbId, String query, long calls, double totalExecMillis,
                            double totalPlanMillis, long rows, long sharedHit, long sharedRead, long sharedDirtied,
                            long sharedWritten, long tempRead, long tempWritten, double ioReadMillis,
                            double ioWriteMillis, long walBytes) {

    /** The key pg_stat_statements aggregates by (toplevel aside). */
    public record Key(long queryId, long userId, long dbId) {
    }

    public Key key() {
        return new Key(queryId, userId, dbId);
    }

    /** {@code this - before}, field by field; the text is this entry's. */
    public StatementStat minus(StatementStat before) {
        return new StatementStat(queryId, userId, dbId, query, calls - before.calls,
                totalExecMillis - before.totalExecMillis, totalPlanMillis - before.totalPlanMillis,
                rows - before.rows, sharedHit - before.sharedHit, sharedRead - before.sharedRead,
                sharedDirtied - before.sharedDirtied, sharedWritten - before.sharedWritten,
                tempRead - before.tempRead, tempWritten - before.tempWritten,
                ioReadMillis - before.ioReadMillis, ioWriteMillis - before.ioWriteMillis, walBytes - before.walBytes);
    }
}
