package dev.pglab.cdc.experiment;

import dev.pglab.cdc.Jdbc;
import java.sql.Connection;

/**
 * One measured write statement: client wall time, backend CPU (-1 when the server is not local) and WAL
 * written, from {@code pg_current_wal_insert_lsn()} before and after (the WAL position includes other
 * sessions' writes, so measure on a quiet server).
 */
public record WriteSample(long wallNanos, long cpuNanos, long walBytes) {

    public static WriteSample measure(Connection c, BackendProcess backend, String sql) {
        String lsn = Jdbc.queryString(c, "SELECT pg_current_wal_insert_lsn()");
        long cpu0 = backend.cpuNanos();
        long t0 = System.nanoTime();
        Jdbc.run(c, sql);
        long wall = System.nanoTime() - t0;
        long cpu1 = backend.cpuNanos();
        long wal = Jdbc.queryLong(c, "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '" + lsn + "')::bigint");
        return new WriteSample(wall, cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0, wal);
    }
}
