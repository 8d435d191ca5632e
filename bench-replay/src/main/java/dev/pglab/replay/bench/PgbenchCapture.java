package dev.pglab.replay.bench;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.LogCapture;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.parser.LogParser;
import dev.pglab.parser.ParserOptions;
import dev.pglab.parser.ReplayItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A pgbench-shaped capture whose end state is known exactly: a set-up session creates and fills
 * {@code pgbench_accounts} and a {@code pgbench_history} with stale rows, vacuums and truncates the history (as
 * pgbench's own set-up does), then {@link #sessions} sessions at once run {@link #transactions} TPC-B-like
 * transactions each ({@code begin; update; select; insert; end}), half on the simple protocol and half on the
 * extended one (PgJDBC's default threshold: unnamed first, then named). Deltas and accounts are fixed, so a replay
 * that keeps every transaction and the set-up's order ends with {@link #historyRows()} history rows and
 * {@link #balanceSum()} as {@code sum(abalance)}. Captured by a real server (fixtures' LogCapture, cached).
 *
 * @param sessions     concurrent client sessions after the set-up
 * @param transactions transactions per session
 * @param accounts     rows in pgbench_accounts
 * @param pauseMillis  think time between a session's transactions
 */
public record PgbenchCapture(int sessions, int transactions, int accounts, int pauseMillis) {
    public static final PgbenchCapture SMALL = new PgbenchCapture(8, 25, 20, 4);

    public String fixtureId() {
        return "replay-pgbench-" + sessions + "x" + transactions + "-" + accounts + "-" + pauseMillis + "-v1";
    }

    public CapturedLogs logs() {
        return LogCapture.capture(fixtureId(), this::run);
    }

    /** The capture's items, as bench-parser reads them from the csvlog. */
    public List<ReplayItem> items() {
        List<ReplayItem> items = new ArrayList<>();
        new LogParser(ParserOptions.defaults()).parse(logs().csv(), items::add);
        return items;
    }

    public long historyRows() {
        return (long) sessions * transactions;
    }

    public long balanceSum() {
        long sum = 0;
        for (int s = 0; s < sessions; s++) {
            for (int t = 0; t < transactions; t++) {
                sum += delta(s, t);
            }
        }
        return sum;
    }

    static int delta(int session, int tx) {
        return (session * 31 + tx * 17) % 1999 - 999;
    }

    int account(int session, int tx) {
        return (session * 7 + tx * 13) % accounts + 1;
    }

    void run(PgServer server) throws Exception {
        try (Connection c = server.connect(server.database(), Map.of("preferQueryMode", "simple"));
             Statement st = c.createStatement()) {
            st.execute("drop table if exists pgbench_history, pgbench_accounts");
            st.execute("create table pgbench_accounts (aid int primary key, abalance int not null)");
            st.execute("insert into pgbench_accounts select g, 0 from generate_series(1, " + accounts + ") g");
            st.execute("create table pgbench_history (aid int, delta int, mtime timestamptz)");
            st.execute("insert into pgbench_history select g, 1, now() from generate_series(1, 50) g"); // a previous run's
            st.execute("vacuum pgbench_history");
            st.execute("truncate pgbench_history");
        }
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int session = s;
                done.add(pool.submit(() -> {
                    client(server, session);
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

    private void client(PgServer server, int session) throws SQLException, InterruptedException {
        Map<String, String> protocol = session % 2 == 0 ? Map.of("preferQueryMode", "simple") : Map.of("preferQueryMode", "extended");
        try (Connection c = server.connect(server.database(), protocol);
             Statement st = c.createStatement();
             PreparedStatement update = c.prepareStatement("update pgbench_accounts set abalance = abalance + ? where aid = ?");
             PreparedStatement select = c.prepareStatement("select abalance from pgbench_accounts where aid = ?");
             PreparedStatement insert = c.prepareStatement("insert into pgbench_history (aid, delta, mtime) values (?, ?, now())")) {
            for (int t = 0; t < transactions; t++) {
                int aid = account(session, t);
                int delta = delta(session, t);
                st.execute("begin");
                update.setInt(1, delta);
                update.setInt(2, aid);
                update.executeUpdate();
                select.setInt(1, aid);
                select.executeQuery().close();
                insert.setInt(1, aid);
                insert.setInt(2, delta);
                insert.executeUpdate();
                st.execute("end");
                Thread.sleep(pauseMillis);
            }
        }
    }
}
