package dev.pglab.harness.observe;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every wait sampler shares: a connection of its own (autocommit, so each query sees a fresh snapshot), the
 * watched pids, one platform thread whose CPU time is the sampler's client cost, and a stop that closes the
 * connection and reports a failure instead of losing it.
 */
abstract sealed class PollingSampler implements WaitSampler permits ActivitySampler, WaitSamplingHistory {
    private static final Logger LOG = LoggerFactory.getLogger(PollingSampler.class);

    protected final Connection connection;
    protected final List<ActivitySample> samples = new ArrayList<>();
    protected long polls;
    private final Set<Integer> pids = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final int backendPid;
    private final String source;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SQLException failure;
    private long threadCpuNanos;

    PollingSampler(Connection connection, String threadName, String source) throws SQLException {
        this.connection = connection;
        this.source = source;
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            backendPid = rs.getInt(1);
        }
        thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
    }

    /** Polls until {@link #running()} turns false; called once, on the sampler's thread. */
    abstract void pollUntilStopped() throws SQLException;

    /** What the sampler saw, once its thread has ended. */
    abstract SamplerRun result(long threadCpuNanos);

    final void startPolling() {
        thread.start();
    }

    final boolean running() {
        return running;
    }

    /** The watched pids, as the int4[] parameter both samplers' queries take. */
    final Integer[] watched() {
        return pids.toArray(Integer[]::new);
    }

    @Override
    public final void watch(int pid) {
        pids.add(pid);
    }

    @Override
    public final int backendPid() {
        return backendPid;
    }

    private void run() {
        var threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        try {
            pollUntilStopped();
        } catch (SQLException e) {
            failure = e;
            LOG.warn("{} sampler stopped after {} polls: {}", source, polls, e.getMessage());
        } finally {
            threadCpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
            stopped.countDown();
        }
    }

    /** Stops polling, closes the connection and returns everything seen. */
    @Override
    public final SamplerRun stop() throws SQLException {
        running = false;
        LockSupport.unpark(thread);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while stopping the " + source + " sampler", e);
        }
        connection.close();
        if (failure != null) {
            throw new SQLException("the " + source + " sampler failed after " + polls + " polls: "
                    + failure.getMessage(), failure);
        }
        return result(threadCpuNanos);
    }

    @Override
    public final void close() throws SQLException {
        if (running) {
            stop();
        }
    }
}
