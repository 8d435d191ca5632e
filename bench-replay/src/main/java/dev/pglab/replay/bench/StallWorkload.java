package dev.pglab.replay.bench;

import dev.pglab.harness.pg.PgServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The stall experiment's capture workload (the seed's "degraded query"): {@code sessions} JDBC sessions on the
 * simple protocol, each running a quick tagged statement every {@code periodMillis} for {@code slots} slots
 * (sessions offset by 4 ms). Session S00 runs {@code select pg_sleep(3)} at the middle slot instead. In the
 * capture S00 connects with {@code statement_timeout} set in its startup packet, which the log does not show:
 * the sleep is cancelled after {@value #CAPTURE_TIMEOUT_MS} ms and S00 goes on at its next slot. On the replay
 * target (no timeout) the same statement really takes 3 s: a query that was fast in production and is slow on
 * the target, which is what stalls a replay in strict global order.
 *
 * @param sessions     sessions including S00 (the issue: 20 quick ones + S00)
 * @param slots        statements per session
 * @param periodMillis time between a session's statements
 */
public record StallWorkload(int sessions, int slots, int periodMillis) {
    public static final StallWorkload ISSUE = new StallWorkload(21, 100, 100);
    public static final String USER = "stall_app";
    public static final String DATABASE = "stall_db";
    public static final String SLEEP = "select pg_sleep(3)";
    static final int CAPTURE_TIMEOUT_MS = 20;
    static final int OFFSET_MS = 4;

    /** The slot at which S00 sleeps. */
    public int sleepSlot() {
        return slots / 2;
    }

    /** When S00's sleep is due, from the capture's first statement (ms). */
    public long sleepAtMillis() {
        return (long) sleepSlot() * periodMillis;
    }

    /** Stable fixture id for the capture cache: changes whenever the parameters do. */
    public String fixtureId() {
        return "replay-stall-v1-" + sessions + "x" + slots + "x" + periodMillis;
    }

    public static String sessionName(int s) {
        return String.format("S%02d", s);
    }

    /** The statement of session {@code s} at slot {@code k}. */
    public String statement(int s, int k) {
        return s == 0 && k == sleepSlot() ? SLEEP : String.format("select %d /* %s q%03d */", k, sessionName(s), k);
    }

    /** Runs the workload against a capture server. */
    public void run(PgServer server) throws Exception {
        server.execute("create role " + USER + " login superuser", "create database " + DATABASE + " owner " + USER);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500); // everyone connected before slot 0
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int session = s;
                done.add(pool.submit(() -> {
                    runSession(server, session, start);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void runSession(PgServer server, int s, long start) throws SQLException {
        Map<String, String> props = s == 0
                ? Map.of("user", USER, "preferQueryMode", "simple", "options", "-c statement_timeout=" + CAPTURE_TIMEOUT_MS)
                : Map.of("user", USER, "preferQueryMode", "simple");
        try (Connection c = server.connect(DATABASE, props); Statement st = c.createStatement()) {
            for (int k = 0; k < slots; k++) {
                long due = start + TimeUnit.MILLISECONDS.toNanos((long) k * periodMillis + (long) s * OFFSET_MS);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                try {
                    st.execute(statement(s, k));
                } catch (SQLException e) {
                    if (!(s == 0 && k == sleepSlot() && "57014".equals(e.getSQLState()))) {
                        throw e;
                    }
                }
            }
        }
    }
}
