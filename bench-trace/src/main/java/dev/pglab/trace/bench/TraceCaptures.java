package dev.pglab.trace.bench;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.LogCapture;
import dev.pglab.harness.pg.PgServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;

/**
 * Real captures for trace tests and demos: the log of a workload whose waits are known, so a traced replay of it
 * must show them.
 */
public final class TraceCaptures {
    /** The statement both lock holder and waiter run in {@link #transfers()}, as the log shows it. */
    public static final String TRANSFER = "update trc_acct set bal = bal + $1 where id = $2";
    /** How long the holder keeps the row locked while the waiter waits. */
    public static final long HOLD_MILLIS = 300;

    private TraceCaptures() {
    }

    /**
     * Three sessions: one updates account 1 and keeps the row lock; 400 ms later one updates the same row and
     * waits for it, {@link #HOLD_MILLIS} until the first commits; one reads other accounts meanwhile (extended protocol, binds).
     */
    public static CapturedLogs transfers() {
        return LogCapture.capture("trace-transfers-v4", TraceCaptures::runTransfers);
    }

    private static void runTransfers(PgServer server) throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create table trc_acct(id int primary key, bal int not null)");
            st.execute("insert into trc_acct select g, 0 from generate_series(1, 10) g");
        }
        // gaps much longer than a traced session's setup (auto_explain settings, first-use class loading on a busy
        // host), so a replay paced to the log keeps this order: table first, holder's update before the waiter's
        Thread.sleep(1000);
        try (Connection holder = server.connect(); Connection waiter = server.connect(); Connection other = server.connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement("update trc_acct set bal = bal + ? where id = ?")) {
                ps.setInt(1, 5);
                ps.setInt(2, 1);
                ps.executeUpdate();
            }
            Thread.sleep(400);
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try (PreparedStatement ps = waiter.prepareStatement("update trc_acct set bal = bal + ? where id = ?")) {
                    ps.setInt(1, -5);
                    ps.setInt(2, 1);
                    ps.executeUpdate();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (PreparedStatement ps = other.prepareStatement("select bal from trc_acct where id = ?")) {
                for (int i = 2; i <= 10; i++) {
                    ps.setInt(1, i);
                    ps.executeQuery().close();
                }
            }
            Thread.sleep(HOLD_MILLIS);
            holder.commit();
            blocked.get();
        }
    }
}
