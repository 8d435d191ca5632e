package dev.pglab.cdc.experiment;

import dev.pglab.cdc.Jdbc;
import dev.pglab.harness.measure.ProcessCpu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * The server backend serving a connection, and its CPU time when it runs on this machine (the embedded server,
 * or a local one). A backend is one single-threaded process, so {@code /proc/<pid>/schedstat}'s first field
 * (time on CPU, in ns) is its CPU time at nanosecond resolution; where that file is missing the harness's
 * {@link ProcessCpu#pidNanos} ({@code /proc/<pid>/stat}, 10 ms ticks, too coarse for one short statement) is
 * the fallback. {@code /proc/<pid>/comm} must say postgres, so a remote server's pid that happens to exist here
 * is never read.
 */
public record BackendProcess(long pid, boolean local) {

    public static BackendProcess of(Connection c) {
        long pid = Jdbc.queryLong(c, "SELECT pg_backend_pid()");
        boolean local;
        try {
            local = Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim().startsWith("postgres");
        } catch (java.io.IOException | RuntimeException e) {
            local = false;
        }
        return new BackendProcess(pid, local);
    }

    /** CPU time of the backend in ns, or -1 when it is not local. */
    public long cpuNanos() {
        if (!local) {
            return -1;
        }
        try {
            String schedstat = Files.readString(Path.of("/proc", Long.toString(pid), "schedstat"));
            int space = schedstat.indexOf(' ');
            return Long.parseLong(space < 0 ? schedstat.trim() : schedstat.substring(0, space));
        } catch (java.io.IOException | RuntimeException e) {
            return ProcessCpu.pidNanos(pid);
        }
    }
}
