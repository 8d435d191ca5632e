package dev.pglab.replay;

import dev.pglab.harness.measure.ProcessCpu;
import dev.pglab.parser.ReplayItem;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replay driver. The calling thread reads the source lazily and hands each item to its session's runner
 * at most {@link ReplayConfig#lookahead()} before it is due (at speed max: at once), and at every speed only
 * while fewer than {@link ReplayConfig#maxPending()} items wait in all sessions together ({@link ItemBudget}), so
 * a log never sits in memory; each runner waits for its items' due times itself. The hand-off is in batches on
 * both sides: the reader wakes once per quarter of the budget (speed max) or per {@link #PACING_QUANTUM_NANOS}
 * (paced), a session takes all its waiting items at once ({@link SessionWindow}) and gives budget back every
 * {@link ItemBudget#RETURN_BATCH} items. Due times come from one fixed start: {@code start + (t - t0) / speed}, never from sleeps
 * added up. In {@link ReplayMode#SERIAL} the reader instead waits for each item's time and for its session to be
 * idle, as pgreplay does.
 *
 * <p>One instance runs one replay. {@link #stop()} (e.g. from a Ctrl-C hook) ends it at once; {@link #run}
 * still returns the report of what ran.
 */
public final class Replay {
    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);
    /** How long run() waits for sessions to close after a stop before it reports anyway. */
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /**
     * Paced speeds: once the next item lies beyond the look-ahead, the reader sleeps until it is this much inside
     * it, then hands out everything due by then in one go (at most 50 wake-ups a second, whatever the rate).
     */
    static final long PACING_QUANTUM_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    final ReplayConfig config;
    final ReplayTarget target;
    /** Fixed once run() starts; added to only before. */
    final java.util.concurrent.CopyOnWriteArrayList<ExecutionListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    final ReplayMetrics metrics;
    /** Items handed to sessions and not yet run, over all sessions: the memory bound at every speed. */
    final ItemBudget budget;
    /** Cross-session order in {@link ReplayMode#COMMIT}, else null. */
    final CommitGate commitOrder;
    private final Set<SessionRunner> running = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> haltReason = new AtomicReference<>();
    private volatile Thread reader;
    private volatile long startNanos;
    private volatile String sourceDescription = "";
    /** The longest a synthetic warm-up may run before the clock starts; zero: none. */
    private Duration warmUp = Duration.ZERO;
    /** The warm-up replay while it runs (a stop of this replay stops it too). */
    volatile Replay warming;
    /** This JVM's CPU time from the end of the warm-up to the last session closed, -1 when unknown. */
    private volatile long clientCpuNanos = -1;

    /** When set, items go here instead of to the target (dry run). */
    final ItemSink sink;

    public Replay(ReplayConfig config, ReplayTarget target, List<ExecutionListener> listeners) {
        this(config, target, listeners, null);
    }

    /** A dry run: everything but the server; items reach {@code sink} at their due times. */
    public static Replay dryRun(ReplayConfig config, ItemSink sink) {
        return new Replay(config, new ReplayTarget() {
            @Override
            public java.sql.Connection connect(String user, String database) throws SQLException {
                throw new SQLException("a dry run has no server", "08001");
            }

            @Override
            public String describe() {
                return "dry run";
            }
        }, List.of(), sink);
    }

    private Replay(ReplayConfig config, ReplayTarget target, List<ExecutionListener> listeners, ItemSink sink) {
        this.config = config;
        this.target = target;
        this.sink = sink;
        this.budget = new ItemBudget(config.maxPending());
        this.metrics = new ReplayMetrics(budget::held, this::startNanos);
        this.listeners.addAll(listeners);
        this.commitOrder = config.mode() == ReplayMode.COMMIT ? new CommitGate() : null;
    }

    /** Adds a listener; only before {@link #run} (listeners that need this replay, e.g. its clock, come here). */
    public Replay addListener(ExecutionListener listener) {
        if (startNanos != 0) {
            throw new IllegalStateException("the replay is running: add listeners before run()");
        }
        listeners.add(listener);
        return this;
    }

    /**
     * Before the clock starts, replay a short synthetic workload against the target for at most {@code limit}
     * ({@link WarmUp}; off the metrics, the timeline and every listener), so the first captured seconds are not
     * late for JIT compilation and first connections. Only before {@link #run}; ignored by a dry run.
     */
    public Replay withWarmUp(Duration limit) {
        if (startNanos != 0) {
            throw new IllegalStateException("the replay is running: set the warm-up before run()");
        }
        if (limit.isNegative()) {
            throw new IllegalArgumentException("warm-up must not be negative: " + limit);
        }
        this.warmUp = limit;
        return this;
    }

    /** CPU time of this JVM during the replay (warm-up excluded), nanoseconds; -1 before it ended or when unknown. */
    public long clientCpuNanos() {
        return clientCpuNanos;
    }

    public ReplayMetrics metrics() {
        return metrics;
    }

    /** The replay clock's zero ({@link System#nanoTime()}), 0 before {@link #run} started. */
    public long startNanos() {
        return startNanos;
    }

    String sourceDescription() {
        return sourceDescription;
    }

    boolean speedMax() {
        return config.speed().isMax();
    }

    boolean serial() {
        return config.mode() == ReplayMode.SERIAL;
    }

    boolean halted() {
        return haltReason.get() != null;
    }

    /** Ends the replay now: the reader stops, running statements are cancelled, connections close. */
    public void stop() {
        if (haltReason.compareAndSet(null, "stopped")) {
            LOG.info("replay stopping: cancelling {} running sessions", running.size());
            Replay w = warming;
            if (w != null) {
                w.stop();
            }
            Thread r = reader;
            if (r != null) {
                r.interrupt();
            }
            running.forEach(SessionRunner::abort);
        }
    }

    /** Replays every item of the source (within the window) and returns the report once all sessions closed. */
    public ReplayReport run(ReplaySource source) {
        reader = Thread.currentThread();
        sourceDescription = source.describe();
        ReplaySchedule schedule = new ReplaySchedule(config.speed(), config.maxIdle());
        Map<String, SessionRunner> live = new HashMap<>();
        long fromMicros = config.from().map(i -> i.getEpochSecond() * 1_000_000 + i.getNano() / 1000).orElse(Long.MIN_VALUE);
        long toMicros = config.to().map(i -> i.getEpochSecond() * 1_000_000 + i.getNano() / 1000).orElse(Long.MAX_VALUE);
        long lookaheadNanos = config.lookahead().toNanos();
        long quantumNanos = Math.min(PACING_QUANTUM_NANOS, lookaheadNanos / 2);
        String sourceError = null;
        // paced per-session replays start the clock one look-ahead from now, so the first sessions too can
        // connect before their first item is due, as every later session does
        boolean lead = !speedMax() && !serial();
        startNanos = System.nanoTime() + (lead ? lookaheadNanos : 0);
        long cpuAtStart = ProcessCpu.selfTotalNanos();
        ReplayItem first = null;
        try {
            if (!warmUp.isZero() && sink == null && source.hasNext()) {
                first = source.next();
                WarmUp.run(this, first, warmUp);
                startNanos = System.nanoTime() + (lead ? lookaheadNanos : 0);
                cpuAtStart = ProcessCpu.selfTotalNanos();
            }
            while (!halted() && (first != null || source.hasNext())) {
                ReplayItem item = first != null ? first : source.next();
                first = null;
                metrics.itemsRead.increment();
                long t = item.timestamp().epochMicros();
                if (t < fromMicros) {
                    metrics.outOfWindow.increment();
                    continue;
                }
                if (t > toMicros) {
                    break; // the log is in time order: nothing later is inside the window
                }
                long due = startNanos + schedule.offsetNanos(t);
                if (speedMax()) {
                    due = System.nanoTime();
                } else if (serial()) {
                    waitUntil(due);
                } else if (due - lookaheadNanos > System.nanoTime()) {
                    waitUntil(due - lookaheadNanos + quantumNanos);
                }
                budget.take();
                SessionRunner runner = live.get(item.sessionId());
                if (runner == null) {
                    runner = new SessionRunner(item.sessionId(), this);
                    live.put(item.sessionId(), runner);
                    running.add(runner);
                    metrics.sessionsStarted.incrementAndGet();
                    runner.start();
                }
                if (serial()) {
                    runner.awaitIdle();
                }
                if (halted()) {
                    break;
                }
                metrics.lastDispatchedMicros.lazySet(t);
                runner.enqueue(item, due, commitOrder == null ? CommitDependencies.Ticket.NONE : commitOrder.admit(item));
                if (item instanceof ReplayItem.Disconnect) {
                    runner.finish();
                    live.remove(item.sessionId());
                }
            }
        } catch (InterruptedException e) {
            if (!halted()) {
                stop(); // someone interrupted the reader: treat it as a stop
            }
        } catch (RuntimeException e) {
            if (!halted()) {
                sourceError = source.describe() + ": " + e.getMessage();
                LOG.error("reading {} failed; ending the replay: {}", source.describe(), e.toString());
                haltReason.compareAndSet(null, "source error");
            }
        }
        live.values().forEach(SessionRunner::finish); // sessions open at the end of the capture close
        awaitSessions();
        Thread.interrupted(); // a stop() may have interrupted the reader; the caller's thread goes on
        reader = null;
        long wallNanos = Math.max(0, System.nanoTime() - startNanos);
        long cpuAtEnd = ProcessCpu.selfTotalNanos();
        clientCpuNanos = cpuAtStart < 0 || cpuAtEnd < 0 ? -1 : cpuAtEnd - cpuAtStart;
        String reason = haltReason.get();
        long malformed = source.parseSummary().map(dev.pglab.parser.ParseSummary::malformed).orElse(0L);
        return ReplayReport.of(this, reason == null ? "completed" : reason, sourceError, schedule, wallNanos, malformed);
    }

    private void awaitSessions() {
        long stoppedAt = 0;
        while (!running.isEmpty()) {
            if (halted() && "stopped".equals(haltReason.get())) {
                if (stoppedAt == 0) {
                    stoppedAt = System.nanoTime();
                } else if (System.nanoTime() - stoppedAt > STOP_GRACE_NANOS) {
                    LOG.warn("{} sessions did not close within 5 s of the stop; reporting without them", running.size());
                    return;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            if (Thread.interrupted() && !halted()) {
                stop();
            }
        }
    }

    private static void waitUntil(long deadline) throws InterruptedException {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
        }
    }

    void sessionEnded(SessionRunner runner) {
        running.remove(runner);
    }

    /** A connect failed for lack of a server answering: the server is gone, the replay ends. */
    void connectionFailed(SQLException e) {
        if (haltReason.compareAndSet(null, "server gone")) {
            LOG.error("the target {} is not answering ({}); ending the replay", target.describe(), e.getMessage());
            wakeReader();
            running.forEach(SessionRunner::abort);
        }
    }

    /**
     * A session's connection broke. If a new connection cannot be made either, the server is gone and the replay
     * ends; otherwise only that session ended (e.g. its backend was terminated).
     */
    void connectionLost(String user, String database) {
        if (halted()) {
            return;
        }
        try (Connection probe = target.connect(config.targetUser(user), config.targetDatabase(database))) {
            metrics.sessionsLost.increment();
        } catch (SQLException e) {
            if (Faults.isConnectionFailure(e)) {
                connectionFailed(e);
            } else {
                metrics.sessionsLost.increment();
            }
        }
    }

    private void wakeReader() {
        Thread r = reader;
        if (r != null) {
            r.interrupt();
        }
    }
}
