package dev.pglab.cdc.experiment;

import dev.pglab.cdc.Jdbc;
import dev.pglab.harness.measure.ProcessCpu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * The server backend serving a connection, and its CPU time when it runs on this machine (the embedded server,
 * or a local one), from {@link ProcessCpu#pidNanos} at nanosecond resolution. {@code /proc/<pid>/comm} must say
 * postgres, so a remote server's pid that happens to exist here is never read.
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

    /** CPU time of the backend in ns (the harness reads schedstat, ns resolution), or -1 when it is not local. */
    public long cpuNanos() {
        return local ? ProcessCpu.pidNanos(pid) : -1;
    }
}
