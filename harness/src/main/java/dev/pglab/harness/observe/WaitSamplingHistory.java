package dev.pglab.harness.observe;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Wait samples from the pg_wait_sampling extension's history ring, which the server's own collector fills every
 * {@code pg_wait_sampling.history_period} ms: drained on a connection of its own well before the shared ring wraps
 * (it holds {@code history_size} samples of all processes). The collector records waiting backends only, so a
 * backend on CPU leaves no sample. Server timestamps are mapped to this JVM's {@link System#nanoTime()} through one
 * clock reading taken at start (client and server on one host, or clocks kept in sync).
 */
public final class WaitSamplingHistory extends PollingSampler {
    private static final String SQL = "select pid, ts, event_type, event from pg_wait_sampling_history"
            + " where pid = any(?) and ts > ? order by ts";

    private final long drainNanos;
    private final long periodNanos;
    private final long anchorNanos;
    private final Instant anchorServer;
    private Timestamp last;

    /** Whether the extension is installed in the database {@code c} is connected to. */
    public static boolean installed(Connection c) {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select 1 from pg_extension where extname = 'pg_wait_sampling'")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    private WaitSamplingHistory(Connection connection, Duration drainEvery) throws SQLException {
        super(connection, "pglab-wait-sampling-drain", "pg_wait_sampling_history");
        this.drainNanos = drainEvery.toNanos();
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("select current_setting('pg_wait_sampling.history_period')")) {
                rs.next();
                periodNanos = Long.parseLong(rs.getString(1).replaceAll("[^0-9]", "")) * 1_000_000L;
            }
            long sent = System.nanoTime();
            try (ResultSet rs = st.executeQuery("select clock_timestamp()")) {
                rs.next();
                long received = System.nanoTime();
                anchorServer = rs.getTimestamp(1).toInstant();
                anchorNanos = sent + (received - sent) / 2;
                last = Timestamp.from(anchorServer);
            }
        }
    }

    /**
     * Starts draining the history on {@code connection} (owned from now on) every {@code drainEvery}; keep that
     * well under the ring's lifetime (history_size / (processes × 1000 / history_period) seconds).
     */
    public static WaitSamplingHistory start(Connection connection, Duration drainEvery) throws SQLException {
        WaitSamplingHistory h = new WaitSamplingHistory(connection, drainEvery);
        h.startPolling();
        return h;
    }

    @Override
    void pollUntilStopped() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            while (running()) {
                LockSupport.parkNanos(drainNanos);
                drain(ps);
            }
            drain(ps); // what the collector wrote since the last drain
        }
    }

    private void drain(PreparedStatement ps) throws SQLException {
        Integer[] watched = watched();
        if (watched.length == 0) {
            return;
        }
        Array array = connection.createArrayOf("int4", watched);
        ps.setArray(1, array);
        ps.setTimestamp(2, last);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp ts = rs.getTimestamp(2);
                long at = anchorNanos + ChronoUnit.NANOS.between(anchorServer, ts.toInstant());
                samples.add(new ActivitySample(at, rs.getInt(1), "sampled", rs.getString(3), rs.getString(4)));
                last = ts;
            }
        }
        array.free();
        polls++;
    }

    @Override
    SamplerRun result(long threadCpuNanos) {
        return new SamplerRun(samples, polls, periodNanos, periodNanos, threadCpuNanos, backendPid(),
                "pg_wait_sampling_history");
    }
}
