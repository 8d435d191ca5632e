package dev.pglab.trace.bench;

import dev.pglab.harness.jmh.PacedArm;
import dev.pglab.harness.jmh.PacedArm.MetricSpec;
import dev.pglab.harness.jmh.PacedPlan;
import dev.pglab.harness.jmh.PacedSamples;
import dev.pglab.harness.jmh.PacedSuite;
import dev.pglab.harness.measure.ProcessCpu;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.result.LabSettings;
import dev.pglab.harness.result.MetricKind;
import dev.pglab.harness.result.RunNotes;
import dev.pglab.harness.stats.Summary;
import dev.pglab.trace.TraceConfig;
import dev.pglab.trace.TraceRun;
import dev.pglab.trace.Tracer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * What the session trace costs, measured the way the pg_trace seed claims its 2-3 %: a TPC-B-like workload
 * (pgbench's script, {@link TraceTpcbDriver}) at 1 and N clients, without tracing and with each part of it added
 * in turn, each arm in forked JVMs of its own with its own server (PacedRunner; the arm order rotates per round).
 * Per iteration: throughput, server CPU
 * per transaction (the client backends, and the logging collector separately), log bytes per transaction, this
 * JVM's CPU per transaction, and for the sampler arm the sampler's own CPU (thread and backend). Every ratio is
 * against the baseline arm of the same round and client count ({@link #derive}).
 *
 * <p>Every arm's server has auto_explain and pg_stat_statements preloaded and jsonlog on, so only what the trace
 * switches on per session differs.
 */
public final class TraceOverheadSuite implements PacedSuite {
    /** Short statements (TPC-B, about 0.1-0.5 ms each) and a heavy one (a full-table aggregate). */
    enum Workload {
        TPCB, SCAN;

        String benchmark() {
            return TraceOverheadSuite.class.getName() + "." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The arms, each adding one part to the one before. */
    enum Arm {
        BASELINE, CLIENT, AUTO_EXPLAIN, SAMPLER;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        TraceConfig config(Path dir) {
            return switch (this) {
                case BASELINE -> null;
                case CLIENT -> TraceConfig.clientOnly(dir);
                case AUTO_EXPLAIN -> TraceConfig.clientOnly(dir).withServerDetail(true);
                case SAMPLER -> TraceConfig.clientOnly(dir).withServerDetail(true).withWaits(true);
            };
        }
    }

    /** One run's measurements; per-transaction values in µs or bytes. */
    record Sample(double txPerSecond, double backendCpuMicrosPerTx, double loggerCpuMicrosPerTx, double logBytesPerTx,
                  double clientCpuMicrosPerTx, double samplerCpuPercentOfCore, double samplerPeriodMicros,
                  double finishMillis) {
    }

    private static final List<MetricSpec> METRICS = List.of(
            new MetricSpec("backendCpuPerTx", "us/tx", MetricKind.TIME),
            new MetricSpec("loggerCpuPerTx", "us/tx", MetricKind.TIME),
            new MetricSpec("logBytesPerTx", "B/tx", MetricKind.BYTES),
            new MetricSpec("clientCpuPerTx", "us/tx", MetricKind.TIME),
            new MetricSpec("traceFinish", "ms", MetricKind.TIME));
    private static final List<MetricSpec> SAMPLER_METRICS = List.of(
            new MetricSpec("samplerCpu", "% of a core", MetricKind.OTHER),
            new MetricSpec("samplerAchievedPeriod", "us", MetricKind.TIME));

    /** {@code -Dpglab.trace.clients} (default 4) and 1; to prove the arms run, 1 client only. */
    static int[] clientLevels(LabSettings settings, PacedPlan plan) {
        int maxClients = Integer.parseInt(settings.knob("pglab.trace.clients", "4"));
        return maxClients > 1 && !plan.proofOnly() ? new int[] {1, maxClients} : new int[] {1};
    }

    @Override
    public List<PacedArm> arms(LabSettings settings, PacedPlan plan) {
        List<PacedArm> arms = new ArrayList<>();
        for (int clients : clientLevels(settings, plan)) {
            for (Arm arm : Arm.values()) {
                arms.add(arm(Workload.TPCB, arm, clients));
            }
        }
        for (Arm arm : Arm.values()) {
            arms.add(arm(Workload.SCAN, arm, 1));
        }
        return arms;
    }

    private static PacedArm arm(Workload workload, Arm arm, int clients) {
        List<MetricSpec> metrics = new ArrayList<>(METRICS);
        if (arm == Arm.SAMPLER) {
            metrics.addAll(SAMPLER_METRICS);
        }
        return new PacedArm(workload.benchmark(), Map.of("arm", arm.id(), "clients", Integer.toString(clients)), "thrpt",
                "tx/s", metrics);
    }

    /** Every ratio is against the baseline arm of the same round and client count (it ran beside it). */
    @Override
    public void derive(List<PacedArm> arms, PacedSamples samples) {
        for (PacedArm a : arms) {
            PacedArm base = arms.stream().filter(b -> b.benchmark().equals(a.benchmark())
                    && b.params().get("clients").equals(a.params().get("clients"))
                    && b.params().get("arm").equals(Arm.BASELINE.id())).findFirst().orElseThrow();
            samples.add(a, new MetricSpec("throughputVsBaseline", "ratio", MetricKind.OTHER),
                    PacedSamples.combine(samples.primary(a), samples.primary(base), (x, y) -> x / y));
            samples.add(a, new MetricSpec("backendCpuVsBaseline", "ratio", MetricKind.OTHER), PacedSamples.combine(
                    samples.metric(a, "backendCpuPerTx"), samples.metric(base, "backendCpuPerTx"), (x, y) -> x / y));
        }
        System.out.print(summaryTable(arms, samples));
    }

    /**
     * In the arm's fork: a server with auto_explain and pg_stat_statements preloaded and jsonlog on, so only what the
     * trace switches on per session differs between arms, and pgbench's tables at scale = the most clients.
     */
    @Override
    public Subject open(PacedArm pacedArm, LabSettings settings, PacedPlan plan, Path workDir) throws Exception {
        Workload workload = Workload.valueOf(pacedArm.benchmark().substring(pacedArm.benchmark().lastIndexOf('.') + 1)
                .toUpperCase(java.util.Locale.ROOT));
        Arm arm = Arm.valueOf(pacedArm.params().get("arm").replace('-', '_').toUpperCase(java.util.Locale.ROOT));
        int clients = Integer.parseInt(pacedArm.params().get("clients"));
        int[] levels = clientLevels(settings, plan);
        int scale = levels[levels.length - 1];
        long runNanos = plan.iteration().toNanos();
        PgServerConfig config = PgServerConfig.fromEnvironment(ServerProfile.OBSERVE)
                .withSetting("logging_collector", "on").withSetting("log_destination", "jsonlog")
                .withSetting("log_directory", "log").withSetting("log_filename", "postgresql.log")
                .withSetting("log_rotation_size", "0").withSetting("log_rotation_age", "0")
                .withSetting("lc_messages", "C")
                // parallel workers' CPU would escape the per-backend accounting
                .withSetting("max_parallel_workers_per_gather", "0");
        PgServer server = PgServer.start(config);
        try {
            try (Connection c = server.connect()) {
                TraceTpcbDriver.initialise(c, scale);
            }
            RunNotes.fixture("tpcb-scale-" + scale, "pgbench -i -s " + scale + " tables (" + scale * 100_000
                    + " accounts), pgbench's TPC-B-like script via JDBC prepared statements");
            Path jsonLog = server.logFiles().require("json");
            long loggerPid = loggerPid(server);
            // set-up, not a warm-up: the first traced call pays class loading and bootstrap costs of hundreds of
            // milliseconds that are not the trace's steady cost, even where the plan has no warm-up
            measure(server, workload, arm, clients, scale, runNanos / 4, 0, workDir, jsonLog, loggerPid);
            return new Subject() {
                int iteration;

                @Override
                public PacedArm.Sample measure(boolean warmup) throws Exception {
                    Sample s = TraceOverheadSuite.measure(server, workload, arm, clients, scale, runNanos, 1000 + ++iteration,
                            workDir, jsonLog, loggerPid);
                    Map<String, Double> m = new java.util.HashMap<>(Map.of("backendCpuPerTx", s.backendCpuMicrosPerTx(),
                            "loggerCpuPerTx", s.loggerCpuMicrosPerTx(), "logBytesPerTx", s.logBytesPerTx(),
                            "clientCpuPerTx", s.clientCpuMicrosPerTx(), "traceFinish", s.finishMillis()));
                    if (arm == Arm.SAMPLER) {
                        m.put("samplerCpu", s.samplerCpuPercentOfCore());
                        m.put("samplerAchievedPeriod", s.samplerPeriodMicros());
                    }
                    return new PacedArm.Sample(s.txPerSecond(), m);
                }

                @Override
                public void close() throws Exception {
                    try (server) {
                        if (workload == Workload.TPCB && arm == Arm.SAMPLER && clients == scale) {
                            // after the measurements, not measured: leave the trace with its profile for the HTML
                            // report (the last round's fork of this arm wins) and a traced replay of a real capture
                            PublishedTraces.publish(traceDir(workDir, workload, arm, clients), "tpcb-sampler-c" + clients,
                                    "the last measured round's sampler arm of this suite: pgbench's TPC-B-like script, "
                                            + clients + " clients, " + plan.iteration().toMillis()
                                            + " ms, auto_explain + 1 kHz wait sampling");
                            PublishedTraces.replayTransfers(server);
                        }
                    }
                }
            };
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    /** The overhead table (medians over rounds and iterations) as TRACE.md shows it. */
    static String summaryTable(List<PacedArm> arms, PacedSamples samples) {
        StringBuilder t = new StringBuilder("| workload | clients | arm | tx/s | vs baseline | backend CPU us/tx | vs baseline"
                + " | logger CPU us/tx | log B/tx | client CPU us/tx | sampler % of a core (period us) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (PacedArm a : arms) {
            java.util.function.Function<String, String> f = k -> String.format(java.util.Locale.ROOT, "%.2f",
                    Summary.medianOfForkMedians(samples.metric(a, k)));
            java.util.function.Function<String, String> i = k -> String.format(java.util.Locale.ROOT, "%.0f",
                    Summary.medianOfForkMedians(samples.metric(a, k)));
            boolean sampler = a.secondaries().stream().anyMatch(m -> m.name().equals("samplerCpu"));
            t.append(String.format(java.util.Locale.ROOT, "| %s | %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %s |%n",
                    a.benchmark().substring(a.benchmark().lastIndexOf('.') + 1), a.params().get("clients"),
                    a.params().get("arm"), Summary.medianOfForkMedians(samples.primary(a)), f.apply("throughputVsBaseline"),
                    i.apply("backendCpuPerTx"), f.apply("backendCpuVsBaseline"), i.apply("loggerCpuPerTx"),
                    i.apply("logBytesPerTx"), i.apply("clientCpuPerTx"),
                    sampler ? f.apply("samplerCpu") + " (" + i.apply("samplerAchievedPeriod") + ")" : "-"));
        }
        return t.toString();
    }

    private static Sample measure(PgServer server, Workload workload, Arm arm, int clients, int scale, long runNanos, long seed,
                                  Path workDir, Path jsonLog, long loggerPid) throws Exception {
        Path traceDir = traceDir(workDir, workload, arm, clients);
        deleteRecursively(traceDir);
        TraceConfig tc = arm.config(traceDir);
        Tracer tracer = tc == null ? null : Tracer.start(tc, server::connect);
        List<Connection> connections = new ArrayList<>();
        List<Integer> pids = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Connection raw = server.connect();
                try (var st = raw.createStatement()) {
                    // pgbench's conditions: the embedded server (zonky) starts with synchronous_commit=off on its
                    // command line, which no configuration file can override; a session can
                    st.execute("SET synchronous_commit = on");
                }
                pids.add(raw.unwrap(PGConnection.class).getBackendPID());
                connections.add(tracer == null ? raw : tracer.trace(raw, "client-" + i));
            }
            int samplerPid = tracer == null ? -1 : tracer.samplerBackendPid();
            long samplerCpu0 = samplerPid > 0 ? ProcessCpu.pidNanos(samplerPid) : 0;
            long[] backend0 = pids.stream().mapToLong(ProcessCpu::pidNanos).toArray();
            long logger0 = loggerPid > 0 ? ProcessCpu.pidNanos(loggerPid) : -1;
            long log0 = Files.size(jsonLog);
            TraceTpcbDriver.Result r = workload == Workload.TPCB
                    ? TraceTpcbDriver.run(connections, scale, runNanos, seed)
                    : TraceTpcbDriver.runScan(connections, scale, runNanos, seed);
            long[] backend1 = pids.stream().mapToLong(ProcessCpu::pidNanos).toArray();
            long logger1 = loggerPid > 0 ? ProcessCpu.pidNanos(loggerPid) : -1;
            long samplerCpu1 = samplerPid > 0 ? ProcessCpu.pidNanos(samplerPid) : 0;
            for (Connection c : connections) {
                c.close();
            }
            connections.clear();
            double tx = Math.max(1, r.transactions());
            long backendNanos = 0;
            for (int i = 0; i < backend0.length; i++) {
                backendNanos += backend1[i] - backend0[i];
            }
            long finish0 = System.nanoTime();
            double samplerPercent = Double.NaN;
            double samplerPeriod = Double.NaN;
            if (tracer != null) {
                TraceRun run = tracer.finish();
                tracer = null;
                if (run.sampler().isPresent()) {
                    long samplerNanos = run.sampler().get().samplerThreadCpuNanos() + (samplerCpu1 - samplerCpu0);
                    samplerPercent = 100.0 * samplerNanos / r.wallNanos();
                    samplerPeriod = run.sampler().get().achievedPeriodNanos() / 1000.0;
                }
            }
            double finishMillis = (System.nanoTime() - finish0) / 1e6;
            // the log grows until the collector has written everything; the trace's finish waited for that
            long log1 = Files.size(jsonLog);
            return new Sample(r.perSecond(), backendNanos / 1000.0 / tx,
                    loggerPid > 0 ? (logger1 - logger0) / 1000.0 / tx : Double.NaN, (log1 - log0) / tx,
                    r.clientThreadCpuNanos() / 1000.0 / tx, samplerPercent, samplerPeriod, finishMillis);
        } finally {
            for (Connection c : connections) {
                c.close();
            }
            if (tracer != null) {
                tracer.close();
            }
        }
    }

    private static Path traceDir(Path workDir, Workload workload, Arm arm, int clients) {
        return workDir.resolve("traces").resolve(workload.name().toLowerCase(java.util.Locale.ROOT) + "-" + arm.id()
                + "-c" + clients);
    }

    /** The logging collector, a child of the postmaster whose title says "logger"; -1 when not visible. */
    private static long loggerPid(PgServer server) {
        try {
            Path pidFile = server.dataDirectory().orElseThrow().resolve("postmaster.pid");
            long postmaster = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            return ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::children)
                    .filter(p -> readCmdline(p.pid()).contains("logger"))
                    .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String readCmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
