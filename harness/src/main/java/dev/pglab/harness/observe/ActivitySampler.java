package dev.pglab.harness.observe;

import java.lang.management.ManagementFactory;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls {@code pg_stat_activity} for a set of backend pids at a fixed rate on its own connection and keeps every
 * row it sees. Each poll runs in its own (autocommit) transaction, so the activity snapshot is fresh every
 * time. Polls follow a fixed timeline; when a poll overruns, the next starts at once (no catch-up bursts), so
 * the achieved period in {@link SamplerRun} is the honest resolution.
 *
 * <p>Waits shorter than the period are seen only statistically: a wait of length w is seen w / period times
 * on average.
 */
public final class ActivitySampler implements WaitSampler {
    private static final Logger LOG = LoggerFactory.getLogger(ActivitySampler.class);
    private static final String SQL = "select pid, state, wait_event_type, wait_event from pg_stat_activity"
            + " where pid = any(?)";

    private final Connection connection;
    private final long periodNanos;
    private final Set<Integer> pids = ConcurrentHashMap.newKeySet();
    private final List<ActivitySample> samples = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final int backendPid;
    private volatile boolean running = true;
    private volatile SQLException failure;
    private long polls;
    private long firstPollNanos;
    private long lastPollNanos;
    private long threadCpuNanos;
    private final Thread thread;

    private ActivitySampler(Connection connection, Duration period) throws SQLException {
        this.connection = connection;
        this.periodNanos = period.toNanos();
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("sampling period must be positive, was " + period);
        }
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            backendPid = rs.getInt(1);
        }
        thread = Thread.ofPlatform().name("pglab-activity-sampler").daemon().unstarted(this::loop);
    }

    /**
     * Starts polling on {@code connection}, which the sampler owns from now on (it is closed by {@link #stop()}).
     *
     * @param period the requested interval between polls, e.g. 1 ms for 1 kHz
     */
    public static ActivitySampler start(Connection connection, Duration period) throws SQLException {
        ActivitySampler sampler = new ActivitySampler(connection, period);
        sampler.thread.start();
        return sampler;
    }

    /** Adds a backend to watch from the next poll on. */
    @Override
    public void watch(int pid) {
        pids.add(pid);
    }

    @Override
    public int backendPid() {
        return backendPid;
    }

    private void loop() {
        var threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            long next = System.nanoTime();
            while (running) {
                Integer[] watched = pids.toArray(Integer[]::new);
                if (watched.length > 0) {
                    poll(ps, watched);
                }
                next += periodNanos;
                long now = System.nanoTime();
                if (next > now) {
                    LockSupport.parkNanos(next - now);
                } else {
                    next = now; // overran: start the next poll now, never in a burst
                }
            }
        } catch (SQLException e) {
            failure = e;
            LOG.warn("activity sampler stopped after {} polls: {}", polls, e.getMessage());
        } finally {
            threadCpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
            stopped.countDown();
        }
    }

    private void poll(PreparedStatement ps, Integer[] watched) throws SQLException {
        Array array = connection.createArrayOf("int4", watched);
        long sent = System.nanoTime();
        ps.setArray(1, array);
        List<ActivitySample> rows = new ArrayList<>(watched.length);
        try (ResultSet rs = ps.executeQuery()) {
            long received = System.nanoTime();
            long at = sent + (received - sent) / 2;
            while (rs.next()) {
                rows.add(new ActivitySample(at, rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            if (polls == 0) {
                firstPollNanos = sent;
            }
            lastPollNanos = sent;
        }
        array.free();
        samples.addAll(rows);
        polls++;
    }

    /** Stops polling, closes the connection and returns everything seen. */
    @Override
    public SamplerRun stop() throws SQLException {
        running = false;
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while stopping the activity sampler", e);
        }
        connection.close();
        if (failure != null) {
            throw new SQLException("the activity sampler failed after " + polls + " polls: " + failure.getMessage(), failure);
        }
        long achieved = polls > 1 ? (lastPollNanos - firstPollNanos) / (polls - 1) : periodNanos;
        return new SamplerRun(samples, polls, periodNanos, achieved, threadCpuNanos, backendPid, "pg_stat_activity");
    }

    @Override
    public void close() throws SQLException {
        if (running) {
            stop();
        }
    }
}
