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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wait samples from the pg_wait_sampling extension's history ring, which the server's own collector fills every
 * {@code pg_wait_sampling.history_period} ms: drained on a connection of its own well before the shared ring wraps
 * (it holds {@code history_size} samples of all processes). The collector records waiting backends only, so a
 * backend on CPU leaves no sample. Server timestamps are mapped to this JVM's {@link System#nanoTime()} through one
 * clock reading taken at start (client and server on one host, or clocks kept in sync).
 */
public final class WaitSamplingHistory implements WaitSampler {
    private static final Logger LOG = LoggerFactory.getLogger(WaitSamplingHistory.class);
    private static final String SQL = "select pid, ts, event_type, event from pg_wait_sampling_history"
            + " where pid = any(?) and ts > ? order by ts";

    private final Connection connection;
    private final long drainNanos;
    private final long periodNanos;
    private final int backendPid;
    private final long anchorNanos;
    private final Instant anchorServer;
    private final Set<Integer> pids = ConcurrentHashMap.newKeySet();
    private final List<ActivitySample> samples = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SQLException failure;
    private Timestamp last;
    private long polls;
    private long threadCpuNanos;

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
        this.connection = connection;
        this.drainNanos = drainEvery.toNanos();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("select pg_backend_pid(), current_setting('pg_wait_sampling.history_period')")) {
                rs.next();
                backendPid = rs.getInt(1);
                periodNanos = Long.parseLong(rs.getString(2).replaceAll("[^0-9]", "")) * 1_000_000L;
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
        thread = Thread.ofPlatform().name("pglab-wait-sampling-drain").daemon().unstarted(this::loop);
    }

    /**
     * Starts draining the history on {@code connection} (owned from now on) every {@code drainEvery}; keep that
     * well under the ring's lifetime (history_size / (processes × 1000 / history_period) seconds).
     */
    public static WaitSamplingHistory start(Connection connection, Duration drainEvery) throws SQLException {
        WaitSamplingHistory h = new WaitSamplingHistory(connection, drainEvery);
        h.thread.start();
        return h;
    }

    @Override
    public void watch(int pid) {
        pids.add(pid);
    }

    @Override
    public int backendPid() {
        return backendPid;
    }

    private void loop() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            while (running) {
                java.util.concurrent.locks.LockSupport.parkNanos(drainNanos);
                drain(ps);
            }
            drain(ps); // what the collector wrote since the last drain
        } catch (SQLException e) {
            failure = e;
            LOG.warn("pg_wait_sampling drain stopped after {} drains: {}", polls, e.getMessage());
        } finally {
            threadCpuNanos = threads.getCurrentThreadCpuTime() - cpu0;
            stopped.countDown();
        }
    }

    private void drain(PreparedStatement ps) throws SQLException {
        Integer[] watched = pids.toArray(Integer[]::new);
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
    public SamplerRun stop() throws SQLException {
        running = false;
        java.util.concurrent.locks.LockSupport.unpark(thread);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while stopping the pg_wait_sampling drain", e);
        }
        connection.close();
        if (failure != null) {
            throw new SQLException("draining pg_wait_sampling_history failed: " + failure.getMessage(), failure);
        }
        return new SamplerRun(samples, polls, periodNanos, periodNanos, threadCpuNanos, backendPid,
                "pg_wait_sampling_history");
    }

    @Override
    public void close() throws SQLException {
        if (running) {
            stop();
        }
    }
}
