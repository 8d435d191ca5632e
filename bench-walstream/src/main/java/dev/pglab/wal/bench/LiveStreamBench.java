package dev.pglab.wal.bench;

import dev.pglab.harness.jmh.PacedArm;
import dev.pglab.harness.jmh.PacedArm.MetricSpec;
import dev.pglab.harness.jmh.PacedPlan;
import dev.pglab.harness.jmh.PacedRunner;
import dev.pglab.harness.jmh.PacedSuite;
import dev.pglab.harness.measure.CpuMeter;
import dev.pglab.harness.measure.LatencyRecorder;
import dev.pglab.harness.measure.ProcessCpu;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.result.LabSettings;
import dev.pglab.harness.result.MetricKind;
import dev.pglab.harness.result.RunNotes;
import dev.pglab.wal.CommitFlyweight;
import dev.pglab.wal.LeanReplicationStream;
import dev.pglab.wal.LeanStreamConfig;
import dev.pglab.wal.LogicalStream;
import dev.pglab.wal.LogicalStreamConfig;
import dev.pglab.wal.ReadPacing;
import dev.pglab.wal.ReplicationStream;
import dev.pglab.wal.pgo.Lsn;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A live pgoutput stream from the embedded server, pg_walstream's scenarios scaled to 2 cores, with three
 * consumers side by side, each (scenario, consumer, latency budget) an arm that PacedRunner runs in forked JVMs of
 * its own with its own server (so no consumer's JIT profile mixes with another's): pglab's lean socket reader with the flyweight decoder, pglab's
 * LogicalStream (PgJDBC) with the same decoder, PgJDBC reading raw messages without decoding, and pg_recvlogical
 * (where installed; output to /dev/null). Writers run
 * inside the server (see {@link LiveWorkload}), paced so the consumer keeps up, except in the writer ramp
 * (unpaced) and the backlog drain (written before the consumer starts: the lagging regime).
 *
 * <p>Per run: DML events/s = DML written ÷ (writers' start → consumer has everything), consumer process CPU %
 * (100 = one core; summed over threads from /proc schedstat, ns resolution, see {@link ProcessCpu#pidNanos}), DML events/s per 1 % CPU, RSS, walsender CPU %, commit-to-delivery and inter-event latency
 * (HdrHistogram; Java consumers), WAL the walsender had not yet sent when the writers stopped, and the regime:
 * keeping up when the consumer had everything within 0.5 s of the writers' end, lagging otherwise.
 *
 * <p>Latency budget sweep: in the small-transaction scenarios ({@link #SWEEP_SCENARIOS}) the lean consumer runs once
 * per budget of {@link ReadPacing} ({@code -Dpglab.live.budgets=0,1,5,20,100} ms; fewer at smoke), each its own key
 * with the param {@code latency_budget_ms}: efficiency against the delivery latency the budget adds. Commit-to-delivery
 * distributions of every Java consumer's key go to {@code target/pglab/hgrm/walstream-*.hgrm}.
 */
public final class LiveStreamBench implements PacedSuite {
    private static final String PUBLICATION = "pglab_live_pub";

    record Scenario(String name, String shape, int writers, int batch, double ratePerWriter, boolean backlog) {
    }

    enum Consumer {
        /** pglab's lean socket reader + flyweight decoder. */
        PGLAB_LEAN,
        /** LogicalStream (PgJDBC replication API) + flyweight decoder. */
        PGLAB_PGJDBC,
        /** PgJDBC replication API, messages counted, not decoded. */
        PGJDBC_RAW,
        /** /usr/bin/pg_recvlogical writing to /dev/null. */
        PG_RECVLOGICAL
    }

    /** Scenarios where the lean consumer runs once per latency budget. */
    static final List<String> SWEEP_SCENARIOS = List.of("Baseline", "Batch-100", "Mixed-DML");

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("Baseline", "narrow", 1, 8000, 40_000, false),
            new Scenario("Batch-100", "narrow", 1, 100, 20_000, false),
            new Scenario("Batch-5000", "narrow", 1, 5000, 40_000, false),
            new Scenario("4-Writers", "narrow", 4, 8000, 10_000, false),
            new Scenario("Wide-20col", "wide", 1, 500, 10_000, false),
            new Scenario("Payload-2KB", "2kb", 1, 500, 10_000, false),
            new Scenario("Mixed-DML", "mixed", 1, 500, 20_000, false),
            new Scenario("Ramp-1w", "narrow", 1, 10_000, 0, false),
            new Scenario("Ramp-2w", "narrow", 2, 10_000, 0, false),
            new Scenario("Ramp-4w", "narrow", 4, 10_000, 0, false),
            new Scenario("Backlog-drain", "narrow", 1, 10_000, 0, true));

    record Run(long dml, long elapsedNanos, long cpuNanos, long threadCpuNanos, long walsenderCpuNanos, long rssBytes,
               long lagBytes, long drainNanos, double commitP50Ms, double commitP99Ms, double gapP50Us, double gapP99Us,
               long socketReads, Histogram commitLatency) {
        /** Socket reads per second of the lean reader (its wake-ups that found data), NaN for other consumers. */
        double socketReadsPerSecond() {
            return socketReads < 0 ? Double.NaN : socketReads * 1e9 / elapsedNanos;
        }

        /** CPU of the consuming thread alone (Java consumers), percent of one core. */
        double threadCpuPercent() {
            return threadCpuNanos < 0 ? Double.NaN : 100.0 * threadCpuNanos / elapsedNanos;
        }

        double dmlPerSecond() {
            return dml * 1e9 / elapsedNanos;
        }

        double cpuPercent() {
            return 100.0 * cpuNanos / elapsedNanos;
        }

        double walsenderCpuPercent() {
            return walsenderCpuNanos < 0 ? Double.NaN : 100.0 * walsenderCpuNanos / elapsedNanos;
        }

        double perCpuPercent() {
            return dmlPerSecond() / cpuPercent();
        }

        boolean keepingUp() {
            return drainNanos < 500_000_000L;
        }
    }

    static final String BENCHMARK = LiveStreamBench.class.getName() + ".stream";

    /**
     * Runs the suite outside LabRunner (the forks print a line per run): {@code -Dpglab.budget},
     * {@code -Dpglab.live.scenarios}, {@code -Dpglab.live.consumers} (e.g. pglab_lean), {@code -Dpglab.live.budgets} (ms).
     */
    public static void main(String[] args) throws Exception {
        PacedRunner.standalone(new LiveStreamBench(), LabSettings.fromSystem());
    }

    private static final List<MetricSpec> METRICS = List.of(
            new MetricSpec("cpu_pct", "% of one core", MetricKind.OTHER),
            new MetricSpec("dml_per_cpu_pct", "DML events/s per 1% CPU", MetricKind.OTHER),
            new MetricSpec("consumer_thread_cpu_pct", "% of one core", MetricKind.OTHER),
            new MetricSpec("walsender_cpu_pct", "% of one core", MetricKind.OTHER),
            new MetricSpec("rss_mb", "MB", MetricKind.OTHER),
            new MetricSpec("commit_to_delivery_p50", "ms", MetricKind.TIME),
            new MetricSpec("commit_to_delivery_p99", "ms", MetricKind.TIME),
            new MetricSpec("inter_event_p50", "us", MetricKind.TIME),
            new MetricSpec("inter_event_p99", "us", MetricKind.TIME),
            new MetricSpec("lag_bytes_at_writer_end", "bytes", MetricKind.OTHER),
            new MetricSpec("drain_after_writers", "s", MetricKind.TIME),
            new MetricSpec("socket_reads_per_s", "reads/s", MetricKind.OTHER),
            // 1 when the consumer had everything within 0.5 s of the writers' end, else 0 (the regime)
            new MetricSpec("keeping_up", "share of runs", MetricKind.OTHER));

    /**
     * Every (scenario, consumer, latency budget) the knobs select: {@code -Dpglab.live.scenarios},
     * {@code -Dpglab.live.consumers} (e.g. pglab_lean), {@code -Dpglab.live.budgets} (ms). To prove the arms run
     * (smoke), every scenario with the lean consumer, the other consumers and a second budget on Baseline only.
     */
    @Override
    public List<PacedArm> arms(LabSettings settings, PacedPlan plan) {
        String only = settings.knob("pglab.live.scenarios", "");
        String consumers = settings.knob("pglab.live.consumers", "");
        List<Long> budgets = budgetsMillis(plan, settings.knob("pglab.live.budgets", ""));
        boolean recvlogical = new File("/usr/bin/pg_recvlogical").canExecute();
        List<PacedArm> arms = new ArrayList<>();
        for (Scenario s : SCENARIOS) {
            if (!only.isBlank() && !List.of(only.split(",")).contains(s.name())) {
                continue;
            }
            for (Consumer consumer : Consumer.values()) {
                if (consumer == Consumer.PG_RECVLOGICAL && !recvlogical
                        || !consumers.isBlank() && !List.of(consumers.split(",")).contains(consumer.name().toLowerCase(Locale.ROOT))
                        || plan.proofOnly() && consumer != Consumer.PGLAB_LEAN && !s.name().equals("Baseline")) {
                    continue;
                }
                List<Long> consumerBudgets = consumer == Consumer.PGLAB_LEAN && SWEEP_SCENARIOS.contains(s.name())
                        && (!plan.proofOnly() || s.name().equals("Baseline")) ? budgets : List.of(0L);
                for (long budgetMs : consumerBudgets) {
                    arms.add(arm(s, consumer, budgetMs));
                }
            }
        }
        return arms;
    }

    private static PacedArm arm(Scenario s, Consumer consumer, long budgetMs) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("scenario", s.name());
        params.put("consumer", consumer.name().toLowerCase(Locale.ROOT));
        if (consumer == Consumer.PGLAB_LEAN) {
            params.put("latency_budget_ms", Long.toString(budgetMs));
        }
        params.put("writers", Integer.toString(s.writers()));
        params.put("batch", Integer.toString(s.batch()));
        params.put("paced_dml_per_s", Long.toString(Math.round(s.ratePerWriter() * s.writers())));
        return new PacedArm(BENCHMARK, params, "thrpt", "DML events/s", METRICS);
    }

    /**
     * In the arm's fork: a logical-replication server with the workload installed, and one short run of this
     * consumer (set-up: the first run pays class loading and the replication handshake's first use).
     */
    @Override
    public Subject open(PacedArm arm, LabSettings settings, PacedPlan plan, Path workDir) throws Exception {
        Scenario s = SCENARIOS.stream().filter(x -> x.name().equals(arm.params().get("scenario"))).findFirst().orElseThrow();
        Consumer consumer = Consumer.valueOf(arm.params().get("consumer").toUpperCase(Locale.ROOT));
        long budgetMs = Long.parseLong(arm.params().getOrDefault("latency_budget_ms", "0"));
        double seconds = plan.proofOnly() ? 1 : 3 * plan.iteration().toMillis() / 1000.0;
        PgServer server = PgServer.start(PgServerConfig.fromEnvironment(ServerProfile.LOGICAL));
        try {
            LiveWorkload.install(server);
            runOnce(server, s, consumer, budgetMs, 1, "pglab_live_setup");
            Histogram commits = new Histogram(3);
            return new Subject() {
                int slotNo;

                @Override
                public PacedArm.Sample measure(boolean warmup) throws Exception {
                    Run run = runOnce(server, s, consumer, budgetMs, seconds, "pglab_live_" + slotNo++);
                    System.out.printf(Locale.ROOT, "%-14s %-15s %7s %-8s %,12.0f DML/s %8.1f CPU%% %,12.0f DML/s/1%% commit p99 %.2f ms%n",
                            s.name(), consumer.name().toLowerCase(Locale.ROOT), consumer == Consumer.PGLAB_LEAN ? budgetMs + "ms" : "-",
                            run.keepingUp() ? "keeping" : "lagging", run.dmlPerSecond(), run.cpuPercent(), run.perCpuPercent(),
                            run.commitP99Ms());
                    if (!warmup && consumer != Consumer.PG_RECVLOGICAL) {
                        commits.add(run.commitLatency());
                    }
                    Map<String, Double> m = new java.util.HashMap<>();
                    m.put("cpu_pct", run.cpuPercent());
                    m.put("dml_per_cpu_pct", run.perCpuPercent());
                    m.put("consumer_thread_cpu_pct", run.threadCpuPercent());
                    m.put("walsender_cpu_pct", run.walsenderCpuPercent());
                    m.put("rss_mb", run.rssBytes() / 1e6);
                    m.put("commit_to_delivery_p50", run.commitP50Ms());
                    m.put("commit_to_delivery_p99", run.commitP99Ms());
                    m.put("inter_event_p50", run.gapP50Us());
                    m.put("inter_event_p99", run.gapP99Us());
                    m.put("lag_bytes_at_writer_end", (double) run.lagBytes());
                    m.put("drain_after_writers", run.drainNanos() / 1e9);
                    m.put("socket_reads_per_s", run.socketReadsPerSecond());
                    m.put("keeping_up", run.keepingUp() ? 1.0 : 0.0);
                    return new PacedArm.Sample(run.dmlPerSecond(), m);
                }

                @Override
                public void close() throws Exception {
                    try (server) {
                        writeCommitHgrm(s, consumer, budgetMs, commits, settings.layout().hgrm());
                    }
                }
            };
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    /** Latency budgets of the sweep in ms: {@code -Dpglab.live.budgets}, else 0,1,5,20,100 (proving the arms: 0 and 20). */
    static List<Long> budgetsMillis(PacedPlan plan, String given) {
        if (!given.isBlank()) {
            List<Long> out = new ArrayList<>();
            for (String b : given.split(",")) {
                try {
                    out.add(Long.parseLong(b.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("-Dpglab.live.budgets=" + given + ": '" + b + "' is not a whole number of ms", e);
                }
            }
            return out;
        }
        return plan.proofOnly() ? List.of(0L, 20L) : List.of(0L, 1L, 5L, 20L, 100L);
    }

    /** The commit-to-delivery distribution of a fork's measured runs of one key, as a .hgrm file for the report. */
    private static void writeCommitHgrm(Scenario s, Consumer consumer, long budgetMs, Histogram all, Path dir)
            throws java.io.IOException {
        if (consumer == Consumer.PG_RECVLOGICAL) {
            return;
        }
        String name = "walstream-commit-to-delivery-" + s.name() + "-" + consumer.name().toLowerCase(Locale.ROOT)
                + (consumer == Consumer.PGLAB_LEAN ? "-budget" + budgetMs + "ms" : "") + ".hgrm";
        LatencyRecorder.writeHgrm(all, dir.resolve(name));
    }

    private Run runOnce(PgServer server, Scenario s, Consumer consumer, long budgetMs, double seconds, String slot) throws Exception {
        LiveWorkload.reset(server);
        server.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        // platform threads: a consumer owns its thread (virtual threads add a poller hop to every blocking read)
        ExecutorService pool = Executors.newCachedThreadPool();
        StreamCounter counter = new StreamCounter(consumer != Consumer.PGJDBC_RAW);
        LeanReplicationStream lean = null;
        LogicalStream stream = null;
        Process recv = null;
        try (Connection admin = server.connect()) {
            long backlog = 0;
            if (s.backlog()) {
                backlog = writeAll(server, s, seconds, pool);
            }
            CpuMeter self = CpuMeter.self().start();
            long t0 = System.nanoTime();
            Future<?> streaming = null;
            if (consumer == Consumer.PG_RECVLOGICAL) {
                recv = new ProcessBuilder("/usr/bin/pg_recvlogical", "-h", server.host(), "-p", Integer.toString(server.port()),
                        "-U", server.user(), "-d", server.database(), "-S", slot, "--start", "-f", "/dev/null", "-F", "0",
                        "-s", "1", "--no-loop", "-o", "proto_version=1", "-o", "publication_names=" + PUBLICATION)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } else if (consumer == Consumer.PGLAB_LEAN) {
                LeanReplicationStream ls = new LeanReplicationStream(LeanStreamConfig.of(server.host(), server.port(),
                        server.database(), server.user(), server.password().orElse(null))
                        .withPacing(ReadPacing.budget(Duration.ofMillis(budgetMs))));
                lean = ls;
                ls.start(slot, 0, Map.of("proto_version", "1", "publication_names", PUBLICATION));
                streaming = pool.submit(() -> {
                    counter.onConnect(0, 1);
                    ls.run(counter);
                    return null;
                });
            } else {
                LogicalStreamConfig config = LogicalStreamConfig.builder(server.jdbcUrl(), slot, PUBLICATION)
                        .properties(server.connectionProperties()).protoVersion(1).messages(false)
                        .statusInterval(Duration.ofSeconds(1)).maxReconnects(0).build();
                LogicalStream st = new LogicalStream(config);
                stream = st;
                streaming = pool.submit(() -> {
                    st.run(counter);
                    return null;
                });
            }
            long walsender = awaitWalsender(admin, slot);
            CpuMeter consumerCpu = recv != null ? CpuMeter.of(recv.pid()).start() : self;
            CpuMeter walsenderCpu = CpuMeter.of(walsender).start();
            long dml;
            long writersEnd;
            long lagBytes;
            if (s.backlog()) {
                dml = backlog;
                writersEnd = t0;
                lagBytes = walLag(admin, walsender);
            } else {
                dml = writeAll(server, s, seconds, pool);
                writersEnd = System.nanoTime();
                lagBytes = walLag(admin, walsender);
            }
            long endLsn = flushLsn(admin);
            awaitDelivered(admin, walsender, endLsn, counter, dml, recv != null);
            long t1 = System.nanoTime();
            long cpu = consumerCpu.stop().cpuNanos();
            long ws = walsenderCpu.stop().cpuNanos();
            long rss = recv != null ? ProcessCpu.rssBytes(recv.pid()) : ProcessCpu.selfRssBytes();
            if (recv == null && counter.dml() != dml) {
                throw new IllegalStateException(s.name() + "/" + consumer + ": received " + counter.dml() + " DML events, written " + dml);
            }
            if (stream != null) {
                stream.cancel();
                streaming.get(10, TimeUnit.SECONDS);
            }
            if (lean != null) {
                lean.cancel();
                streaming.get(10, TimeUnit.SECONDS);
                RunNotes.note("measurement", Map.of("scenario", s.name(), "consumer", "pglab_lean",
                        "messages", lean.messages(), "socket_reads", lean.socketReads()));
                System.err.printf("lean: %d messages in %d socket reads%n", lean.messages(), lean.socketReads());
            }
            return new Run(dml, t1 - t0, cpu, counter.threadCpuNanos(), ws, rss, lagBytes, t1 - writersEnd,
                    counter.commitLatency.percentileMillis(50), counter.commitLatency.percentileMillis(99),
                    counter.gaps.percentileMillis(50) * 1000, counter.gaps.percentileMillis(99) * 1000,
                    lean != null ? lean.socketReads() : -1, counter.commitLatency.snapshot());
        } finally {
            if (stream != null) {
                stream.cancel();
            }
            if (lean != null) {
                lean.cancel();
            }
            if (recv != null) {
                recv.destroy();
                recv.waitFor(5, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            dropSlot(server, slot);
        }
    }

    private static long writeAll(PgServer server, Scenario s, double seconds, ExecutorService pool) throws Exception {
        List<Future<Long>> writers = new ArrayList<>();
        for (int w = 0; w < s.writers(); w++) {
            writers.add(pool.submit(() -> LiveWorkload.write(server, s.shape(), s.batch(), seconds, s.ratePerWriter())));
        }
        long total = 0;
        for (Future<Long> f : writers) {
            total += f.get();
        }
        return total;
    }

    private static long awaitWalsender(Connection admin, String slot) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            long pid = LogicalStream.walsenderPid(admin, slot);
            if (pid > 0) {
                return pid;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no walsender became active for slot " + slot + " within 30 s");
    }

    private static long flushLsn(Connection admin) throws Exception {
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_current_wal_flush_lsn()::text")) {
            rs.next();
            return Lsn.parse(rs.getString(1));
        }
    }

    /** WAL written but not yet sent by the walsender. */
    private static long walLag(Connection admin, long walsenderPid) throws Exception {
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pg_wal_lsn_diff(pg_current_wal_flush_lsn(), sent_lsn)::bigint FROM pg_stat_replication WHERE pid = " + walsenderPid)) {
            return rs.next() ? Math.max(0, rs.getLong(1)) : -1;
        }
    }

    private static void awaitDelivered(Connection admin, long walsender, long endLsn, StreamCounter counter, long dml,
                                       boolean external) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            if (!external && counter.dml() >= dml) {
                return;
            }
            if (external) {
                try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT sent_lsn::text FROM pg_stat_replication WHERE pid = " + walsender)) {
                    if (rs.next() && Long.compareUnsigned(Lsn.parse(rs.getString(1)), endLsn) >= 0) {
                        return;
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the consumer did not receive " + dml + " DML events within 300 s (got " + counter.dml() + ")");
    }

    private static void dropSlot(PgServer server, String slot) {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                server.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
                return;
            } catch (RuntimeException e) { // still active for a moment after the consumer left
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        RunNotes.note("measurement", Map.of("warning", "could not drop slot " + slot));
    }

    /** Counts DML events and records latencies; with {@code decode}, runs pglab's flyweight decoder over every message. */
    static final class StreamCounter implements ReplicationStream.Consumer {
        final LatencyRecorder commitLatency = new LatencyRecorder();
        final LatencyRecorder gaps = new LatencyRecorder();
        private final boolean decode;
        private final dev.pglab.wal.PgOutputDecoder decoder = new dev.pglab.wal.PgOutputDecoder();
        private final ColumnReader reader = new ColumnReader();
        private final long epochOffsetNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        private final CommitFlyweight commit = new CommitFlyweight();
        private volatile long dml;
        private long lastDml;
        private volatile long threadId = -1;
        private long threadCpuStart;

        /** CPU time the consuming thread spent since it connected, or -1 for external consumers. */
        long threadCpuNanos() {
            long id = threadId;
            return id < 0 ? -1 : java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(id) - threadCpuStart;
        }

        StreamCounter(boolean decode) {
            this.decode = decode;
        }

        long dml() {
            return dml;
        }

        @Override
        public void onConnect(long startLsn, int connection) {
            decoder.reset();
            threadCpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            threadId = Thread.currentThread().threadId();
        }

        @Override
        public void onMessage(long lsn, java.nio.ByteBuffer message) {
            int p = message.position();
            byte type = message.get(p);
            if (decode) {
                decoder.decode(message, reader);
            }
            if (type == 'I' || type == 'U' || type == 'D') {
                long now = System.nanoTime();
                if (lastDml != 0) {
                    gaps.record(now - lastDml);
                }
                lastDml = now;
                dml++;
            } else if (type == 'C') {
                long commitMicros = commit.wrap(message, p).commitTimeUnixMicros();
                commitLatency.record(System.nanoTime() + epochOffsetNanos - commitMicros * 1000);
            }
        }
    }

    /** Touches every column's kind and length, as a consumer building rows from slices does. */
    static final class ColumnReader implements dev.pglab.wal.PgOutputVisitor {
        long sink;

        private void read(dev.pglab.wal.TupleView t) {
            for (int i = 0, n = t.columnCount(); i < n; i++) {
                sink += t.kind(i) + t.length(i);
            }
        }

        @Override
        public void insert(long xid, dev.pglab.wal.PgOutputMessage.Relation r, dev.pglab.wal.TupleView n) {
            read(n);
        }

        @Override
        public void update(long xid, dev.pglab.wal.PgOutputMessage.Relation r, byte k, dev.pglab.wal.TupleView o, dev.pglab.wal.TupleView n) {
            if (o != null) {
                read(o);
            }
            read(n);
        }

        @Override
        public void delete(long xid, dev.pglab.wal.PgOutputMessage.Relation r, byte k, dev.pglab.wal.TupleView o) {
            read(o);
        }
    }
}
