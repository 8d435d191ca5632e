package dev.pglab.replay;

import dev.pglab.parser.ReplayItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;

/**
 * One captured session, replayed on its own virtual thread: it takes its items from its {@link SessionWindow} in
 * batches, waits for each one's due time, and runs it on its own connection. A slow statement delays only this
 * session.
 */
final class SessionRunner implements Runnable {
    /** Unnamed-statement JDBC objects kept per session, by captured SQL text (never server-prepared). */
    private static final int UNNAMED_CACHE = 64;
    private static final Scheduled END = new Scheduled(null, 0, CommitDependencies.Ticket.NONE);
    /** A session about to wait longer than this for its next item hands its measurements and budget over first. */
    private static final long IDLE_FLUSH_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1);

    private record Scheduled(ReplayItem item, long dueNanos, CommitDependencies.Ticket order) {
    }

    /** A prepared statement, the captured SQL it runs, and per {@code ?} which captured value it binds. */
    private record Prepared(String sql, PreparedStatement statement, int[] valueIndex) {
    }

    private final String sessionId;
    private final Replay replay;
    private final SessionWindow<Scheduled> window = new SessionWindow<>();
    private final ItemBudget.Returns returns;
    private final SessionMetrics measured;
    /** Serial mode: held while an item of this session is queued or running. */
    private final Semaphore idle = new Semaphore(1);
    private final Map<String, Prepared> unnamed = new LinkedHashMap<>(16, 0.75f, true);
    /** Named statements by their captured name. */
    private final Map<String, Prepared> named = new HashMap<>();
    private final Histogram latenessMicros = new Histogram(2);
    private volatile Thread thread;
    private volatile Statement running;
    private Connection connection;
    private Statement simple;
    private SessionInfo info;
    private String user;
    private String database;
    private String refusedState;
    private boolean lost;
    private long previousEnd;
    private long statements;
    private long executes;
    private long errors;
    private long skipped;

    SessionRunner(String sessionId, Replay replay) {
        this.sessionId = sessionId;
        this.replay = replay;
        this.returns = replay.budget.new Returns();
        this.measured = new SessionMetrics(replay.metrics);
        latenessMicros.setAutoResize(true);
    }

    void start() {
        thread = Thread.ofVirtual().name("replay-" + sessionId).start(this);
    }

    /** Serial mode: blocks the reader until this session has nothing queued or running. */
    void awaitIdle() throws InterruptedException {
        idle.acquire();
    }

    void enqueue(ReplayItem item, long dueNanos, CommitDependencies.Ticket order) {
        window.add(new Scheduled(item, dueNanos, order));
    }

    /** No more items will come: the runner closes its connection after the queued ones. */
    void finish() {
        window.add(END);
    }

    /**
     * Stop now: a running statement is cancelled (the server ends it, the session records 57014 and sees the
     * halt); a session waiting for its next item is interrupted. Interrupting a statement's thread instead would
     * close its socket and leave the backend running the statement.
     */
    void abort() {
        Statement st = running;
        if (st != null) {
            try {
                st.cancel();
                return;
            } catch (SQLException e) {
                // the connection is gone already: interrupt below
            }
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void run() {
        replay.metrics.sessionsOpen.incrementAndGet();
        ArrayDeque<Scheduled> batch = new ArrayDeque<>();
        try {
            while (true) {
                if (batch.isEmpty()) {
                    measured.flush(); // before waiting: live views see what this session did
                    returns.flush(); // before parking: the reader may be waiting for these
                    batch = window.takeAll(batch);
                }
                Scheduled s = batch.poll();
                if (s == END) {
                    break;
                }
                try {
                    runItem(s);
                } finally {
                    if (replay.commitOrder != null) {
                        replay.commitOrder.finished(s.order);
                    }
                    returns.finished();
                    if (replay.serial()) {
                        idle.release();
                    }
                }
            }
        } catch (InterruptedException e) {
            // stop(): leave at once
        } finally {
            // items never run (a stop, or a listener that threw) count as skipped and go back to the budget,
            // or a reader waiting for it would wait forever
            List<Scheduled> left = new java.util.ArrayList<>(batch);
            left.addAll(window.drain());
            left.removeIf(s -> s == END);
            skipped += left.size();
            replay.budget.giveBack(left.size());
            if (replay.commitOrder != null) {
                left.forEach(s -> replay.commitOrder.finished(s.order)); // nothing may wait for what never runs
            }
            measured.flush();
            returns.flush();
            closeConnection();
            replay.metrics.sessionsOpen.decrementAndGet();
            replay.metrics.sessions.add(summary());
            replay.sessionEnded(this);
        }
    }

    private void runItem(Scheduled s) throws InterruptedException {
        if (replay.halted()) {
            skip();
            return;
        }
        long due = replay.speedMax() ? Math.max(s.dueNanos, previousEnd) : s.dueNanos;
        if (replay.sink == null) {
            connectAhead(s.item);
        }
        if (due - System.nanoTime() > IDLE_FLUSH_NANOS) {
            // about to wait: hand over what is done, so the live views are current and the reader is not kept
            // waiting for budget that finished items of a sleeping session hold
            measured.flush();
            returns.flush();
        }
        waitUntil(due);
        if (replay.commitOrder != null) {
            replay.commitOrder.await(s.order);
        }
        if (replay.sink != null) {
            replay.sink.accept(sessionId, s.item, due, System.nanoTime());
            replay.metrics.dispatched.increment();
        } else {
            handle(s.item, due);
        }
    }

    private static void waitUntil(long due) throws InterruptedException {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * Opens the session's connection as soon as an item that needs it arrives (up to the look-ahead before it is
     * due), so connection set-up (and, on an embedded target, creating the user and database) does not make the
     * session's first statements late. The connect histogram shows the set-up time.
     */
    private void connectAhead(ReplayItem item) throws InterruptedException {
        if (connection != null || refusedState != null || lost) {
            return;
        }
        switch (item) {
            case ReplayItem.Connect c -> {
                user = c.user();
                database = c.database();
                open();
            }
            case ReplayItem.Statement st -> ready(st.user(), st.database());
            case ReplayItem.Execute x -> ready(x.user(), x.database());
            default -> {
            }
        }
    }

    private void handle(ReplayItem item, long due) throws InterruptedException {
        switch (item) {
            case ReplayItem.Connect c -> {
                user = c.user();
                database = c.database();
                if (connection == null && refusedState == null && !lost) {
                    open();
                }
            }
            case ReplayItem.Disconnect d -> {
                if (connection != null) {
                    replay.metrics.disconnects.increment();
                }
                closeConnection();
            }
            case ReplayItem.Statement s -> {
                if (ready(s.user(), s.database())) {
                    runStatement(s, due);
                } else {
                    skip();
                }
            }
            case ReplayItem.Execute x -> {
                if (ready(x.user(), x.database())) {
                    runExecute(x, due);
                } else {
                    skip();
                }
            }
            default -> replay.metrics.unsupported.increment();
        }
    }

    private void skip() {
        skipped++;
        replay.metrics.skipped.increment();
    }

    /** Connects lazily (a session whose connect is not in the capture); false when this session cannot run. */
    private boolean ready(String itemUser, String itemDatabase) throws InterruptedException {
        if (connection != null) {
            return true;
        }
        if (refusedState != null || lost) {
            return false;
        }
        if (user == null || user.isEmpty()) {
            user = itemUser;
        }
        if (database == null || database.isEmpty()) {
            database = itemDatabase;
        }
        open();
        return connection != null;
    }

    private void open() throws InterruptedException {
        String u = replay.config.targetUser(user);
        String db = replay.config.targetDatabase(database);
        long start = System.nanoTime();
        try {
            connection = replay.target.connect(u, db);
            int pid = connection.unwrap(PGConnection.class).getBackendPID();
            info = new SessionInfo(sessionId, u, db, pid);
            for (ExecutionListener l : replay.listeners) {
                l.connectionOpened(info, connection);
            }
            replay.metrics.connectTime.record(System.nanoTime() - start);
            replay.metrics.connects.increment();
            simple = connection.createStatement();
            simple.setEscapeProcessing(false);
        } catch (SQLException e) {
            closeQuietly();
            refusedState = e.getSQLState() == null ? "unknown" : e.getSQLState();
            replay.metrics.refused(refusedState);
            if (Faults.isConnectionFailure(e)) {
                replay.connectionFailed(e);
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
    }

    private void runStatement(ReplayItem.Statement s, long due) {
        long start = System.nanoTime();
        long rows = 0;
        String state = null;
        running = simple;
        try {
            if (!deallocate(s.sql())) {
                rows = consume(simple, simple.execute(s.sql()));
            }
        } catch (SQLException e) {
            state = Faults.stateOf(e);
        } finally {
            running = null;
        }
        long end = System.nanoTime();
        statements++;
        finished(new Execution(sessionId, info.backendPid(), Execution.Kind.STATEMENT, s.sql(), List.of(),
                due, start, end, rows, state, s));
    }

    private void runExecute(ReplayItem.Execute x, long due) {
        long start = System.nanoTime();
        long rows = 0;
        String state = null;
        try {
            Prepared p = prepare(x);
            PreparedStatement ps = p.statement();
            List<String> values = x.parameters();
            for (int i = 0; i < p.valueIndex().length; i++) {
                int v = p.valueIndex()[i];
                String value = v < values.size() ? values.get(v) : null;
                if (value == null) {
                    ps.setNull(i + 1, Types.OTHER);
                } else {
                    ps.setObject(i + 1, value, Types.OTHER); // untyped: the server infers the type
                }
            }
            running = ps;
            rows = consume(ps, ps.execute());
        } catch (SQLException e) {
            state = Faults.stateOf(e);
        } finally {
            running = null;
        }
        long end = System.nanoTime();
        executes++;
        finished(new Execution(sessionId, info.backendPid(), Execution.Kind.EXECUTE, x.sql(), x.parameters(),
                due, start, end, rows, state, x));
    }

    /**
     * The statement an execute runs on, prepared the way the capture's was: an unnamed one is parsed by the
     * server on every execute (prepareThreshold 0: PgJDBC sends Parse each time and never server-prepares it;
     * the JDBC object is kept only to spare the driver re-reading the text), a named one is prepared on the
     * server once per session at its first execute (prepareThreshold 1) and reused until the capture deallocates
     * it or reuses the name for other SQL. The server-side name is the driver's ({@code S_n}): PgJDBC has no API
     * to choose it.
     */
    private Prepared prepare(ReplayItem.Execute x) throws SQLException {
        if (x.named()) {
            Prepared p = named.get(x.statementName());
            if (p != null && p.sql().equals(x.sql())) {
                return p;
            }
            if (p != null) {
                p.statement().close();
            }
            p = newPrepared(x.sql(), 1);
            named.put(x.statementName(), p);
            return p;
        }
        Prepared p = unnamed.get(x.sql());
        if (p == null) {
            p = newPrepared(x.sql(), 0);
            unnamed.put(x.sql(), p);
            if (unnamed.size() > UNNAMED_CACHE) {
                var eldest = unnamed.entrySet().iterator();
                Prepared old = eldest.next().getValue();
                eldest.remove();
                old.statement().close();
            }
        }
        return p;
    }

    private Prepared newPrepared(String sql, int prepareThreshold) throws SQLException {
        JdbcSql shape = JdbcSql.of(sql);
        PreparedStatement ps = connection.prepareStatement(shape.sql());
        ps.setEscapeProcessing(false);
        ps.unwrap(PGStatement.class).setPrepareThreshold(prepareThreshold);
        return new Prepared(sql, ps, shape.valueIndex());
    }

    /**
     * A captured SQL {@code DEALLOCATE} of a name this session prepared at protocol level: that statement is
     * closed (PgJDBC sends the Close with the session's next message) and forgotten, so the next execute of the
     * name prepares it again. True when the statement was handled here and must not be sent: the server knows
     * the statement under the driver's name, not the captured one. {@code DEALLOCATE ALL} closes every one and
     * is still sent (it also drops SQL-level PREPAREs, and PgJDBC notices it).
     */
    private boolean deallocate(String sql) throws SQLException {
        Deallocation d = Deallocation.of(sql);
        if (d == null) {
            return false;
        }
        if (d.all()) {
            for (Prepared p : named.values()) {
                p.statement().close();
            }
            named.clear();
            return false;
        }
        Prepared p = named.remove(d.name());
        if (p == null) {
            return false; // a SQL-level PREPARE's name: the server knows it, the statement runs as captured
        }
        p.statement().close();
        return true;
    }

    private static long consume(Statement st, boolean resultSet) throws SQLException {
        long rows = 0;
        boolean isResult = resultSet;
        while (true) {
            if (isResult) {
                try (ResultSet rs = st.getResultSet()) {
                    while (rs.next()) {
                        rows++;
                    }
                }
            } else {
                long count = st.getLargeUpdateCount();
                if (count < 0) {
                    return rows;
                }
                rows += count;
            }
            isResult = st.getMoreResults();
        }
    }

    private void finished(Execution e) {
        previousEnd = e.endNanos();
        latenessMicros.recordValue(Math.max(0, e.latenessNanos() / 1000));
        measured.record(e);
        if (e.failed()) {
            errors++;
            if (Faults.isConnectionLoss(e.sqlState(), connection)) {
                lost = true;
                closeQuietly();
                replay.connectionLost(user, database);
            }
        }
        for (ExecutionListener l : replay.listeners) {
            l.executed(e);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            for (ExecutionListener l : replay.listeners) {
                l.connectionClosing(info, connection);
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection: nothing left to release
            }
        }
        connection = null;
        simple = null;
        unnamed.clear();
        named.clear();
    }

    String sessionId() {
        return sessionId;
    }

    Thread thread() {
        return thread;
    }

    boolean lost() {
        return lost;
    }

    SessionSummary summary() {
        boolean any = latenessMicros.getTotalCount() > 0;
        return new SessionSummary(sessionId, info != null ? info.user() : user, info != null ? info.database() : database,
                statements, executes, errors, skipped,
                any ? latenessMicros.getValueAtPercentile(99) / 1000.0 : 0,
                any ? latenessMicros.getMaxValue() / 1000.0 : 0, refusedState, lost);
    }
}
