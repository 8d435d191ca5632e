package dev.pglab.trace.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * pgbench's built-in TPC-B-like script, run by pglab's own JDBC driver: per transaction one UPDATE of
 * pgbench_accounts, a SELECT of it, UPDATEs of pgbench_tellers and pgbench_branches and an INSERT into
 * pgbench_history, as prepared statements in one transaction (pgbench -M prepared). Tables and row counts
 * follow {@code pgbench -i -s SCALE} (100000 accounts, 10 tellers, 1 branch per scale unit).
 */
final class TraceTpcbDriver {
    static final int ACCOUNTS_PER_SCALE = 100_000;
    static final int TELLERS_PER_SCALE = 10;

    private TraceTpcbDriver() {
    }

    /** Creates and loads the pgbench tables (as pgbench -i does, with primary keys and fillfactor 100). */
    static void initialise(Connection c, int scale) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("drop table if exists pgbench_history, pgbench_tellers, pgbench_accounts, pgbench_branches");
            st.execute("create table pgbench_history(tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))");
            st.execute("create table pgbench_tellers(tid int not null, bid int, tbalance int, filler char(84)) with (fillfactor=100)");
            st.execute("create table pgbench_accounts(aid int not null, bid int, abalance int, filler char(84)) with (fillfactor=100)");
            st.execute("create table pgbench_branches(bid int not null, bbalance int, filler char(88)) with (fillfactor=100)");
            st.execute("insert into pgbench_branches(bid, bbalance) select g, 0 from generate_series(1, " + scale + ") g");
            st.execute("insert into pgbench_tellers(tid, bid, tbalance) select g, (g - 1) / " + TELLERS_PER_SCALE
                    + " + 1, 0 from generate_series(1, " + scale * TELLERS_PER_SCALE + ") g");
            st.execute("insert into pgbench_accounts(aid, bid, abalance, filler) select g, (g - 1) / " + ACCOUNTS_PER_SCALE
                    + " + 1, 0, '' from generate_series(1, " + (long) scale * ACCOUNTS_PER_SCALE + ") g");
            st.execute("alter table pgbench_branches add primary key (bid)");
            st.execute("alter table pgbench_tellers add primary key (tid)");
            st.execute("alter table pgbench_accounts add primary key (aid)");
            st.execute("vacuum analyze pgbench_branches, pgbench_tellers, pgbench_accounts, pgbench_history");
        }
    }

    /**
     * What a run did: committed transactions, wall time of the loop, the checksum of balances read, and the CPU
     * time of the client threads themselves (the driver and, when traced, the JDBC wrapper's work).
     */
    record Result(long transactions, long wallNanos, long balanceChecksum, long clientThreadCpuNanos) {
        double perSecond() {
            return transactions * 1e9 / wallNanos;
        }
    }

    /** Runs the script on every connection in its own thread until {@code durationNanos} have passed. */
    static Result run(List<Connection> connections, int scale, long durationNanos, long seed) throws Exception {
        return run(connections, scale, durationNanos, seed, false);
    }

    /**
     * The heavy counterpart: one aggregate over all of pgbench_accounts per "transaction" (a full scan of
     * 100000 rows per scale unit), to show the trace's cost where statements are long.
     */
    static Result runScan(List<Connection> connections, int scale, long durationNanos, long seed) throws Exception {
        return run(connections, scale, durationNanos, seed, true);
    }

    private static Result run(List<Connection> connections, int scale, long durationNanos, long seed, boolean scan)
            throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong checksum = new AtomicLong();
        AtomicLong threadCpu = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long deadline = start + durationNanos;
        for (int i = 0; i < connections.size(); i++) {
            Connection c = connections.get(i);
            SplittableRandom random = new SplittableRandom(seed * 31 + i);
            threads.add(Thread.ofPlatform().name("tpcb-client-" + i).start(() -> {
                var threadBean = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpu0 = threadBean.getCurrentThreadCpuTime();
                try {
                    long[] mine = scan ? scanClient(c, deadline) : client(c, scale, deadline, random);
                    done.addAndGet(mine[0]);
                    checksum.addAndGet(mine[1]);
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    // measured by the thread itself: a thread that has exited is gone from process-wide sums
                    threadCpu.addAndGet(threadBean.getCurrentThreadCpuTime() - cpu0);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long wall = System.nanoTime() - start;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a TPC-B client failed: " + failures.getFirst(), failures.getFirst());
        }
        return new Result(done.get(), wall, checksum.get(), threadCpu.get());
    }

    private static long[] scanClient(Connection c, long deadline) throws SQLException {
        c.setAutoCommit(true);
        long n = 0;
        long sum = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT bid, count(*), sum(abalance) FROM pgbench_accounts WHERE abalance >= ? GROUP BY bid ORDER BY bid")) {
            while (System.nanoTime() < deadline) {
                ps.setInt(1, -1_000_000_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sum += rs.getLong(2);
                    }
                }
                n++;
            }
        }
        return new long[] {n, sum};
    }

    private static long[] client(Connection c, int scale, long deadline, SplittableRandom random) throws SQLException {
        c.setAutoCommit(false);
        long tx = 0;
        long sum = 0;
        try (PreparedStatement acct = c.prepareStatement("UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?");
             PreparedStatement read = c.prepareStatement("SELECT abalance FROM pgbench_accounts WHERE aid = ?");
             PreparedStatement teller = c.prepareStatement("UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?");
             PreparedStatement branch = c.prepareStatement("UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?");
             PreparedStatement history = c.prepareStatement(
                     "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
            while (System.nanoTime() < deadline) {
                int aid = random.nextInt(1, ACCOUNTS_PER_SCALE * scale + 1);
                int bid = random.nextInt(1, scale + 1);
                int tid = random.nextInt(1, TELLERS_PER_SCALE * scale + 1);
                int delta = random.nextInt(-5000, 5001);
                acct.setInt(1, delta);
                acct.setInt(2, aid);
                acct.executeUpdate();
                read.setInt(1, aid);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    sum += rs.getInt(1);
                }
                teller.setInt(1, delta);
                teller.setInt(2, tid);
                teller.executeUpdate();
                branch.setInt(1, delta);
                branch.setInt(2, bid);
                branch.executeUpdate();
                history.setInt(1, tid);
                history.setInt(2, bid);
                history.setInt(3, aid);
                history.setInt(4, delta);
                history.executeUpdate();
                c.commit();
                tx++;
            }
        }
        return new long[] {tx, sum};
    }
}
