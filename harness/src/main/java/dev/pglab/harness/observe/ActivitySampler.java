package dev.pglab.harness.observe;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Polls {@code pg_stat_activity} for a set of backend pids at a fixed rate on its own connection and keeps every
 * row it sees. Polls follow a fixed timeline; when a poll overruns, the next starts at once (no catch-up bursts),
 * so the achieved period in {@link SamplerRun} is the honest resolution.
 *
 * <p>Waits shorter than the period are seen only statistically: a wait of length w is seen w / period times
 * on average.
 */
public final class ActivitySampler extends PollingSampler {
    private static final String SQL = "select pid, state, wait_event_type, wait_event from pg_stat_activity"
            + " where pid = any(?)";

    private final long periodNanos;
    private long firstPollNanos;
    private long lastPollNanos;

    private ActivitySampler(Connection connection, Duration period) throws SQLException {
        super(connection, "pglab-activity-sampler", "pg_stat_activity");
        this.periodNanos = period.toNanos();
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("sampling period must be positive, was " + period);
        }
    }

    /**
     * Starts polling on {@code connection}, which the sampler owns from now on (it is closed by {@link #stop()}).
     *
     * @param period the requested interval between polls, e.g. 1 ms for 1 kHz
     */
    public static ActivitySampler start(Connection connection, Duration period) throws SQLException {
        ActivitySampler sampler = new ActivitySampler(connection, period);
        sampler.startPolling();
        return sampler;
    }

    @Override
    void pollUntilStopped() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            long next = System.nanoTime();
            while (running()) {
                Integer[] watched = watched();
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

    @Override
    SamplerRun result(long threadCpuNanos) {
        long achieved = polls > 1 ? (lastPollNanos - firstPollNanos) / (polls - 1) : periodNanos;
        return new SamplerRun(samples, polls, periodNanos, achieved, threadCpuNanos, backendPid(), "pg_stat_activity");
    }
}
