package dev.pglab.trace.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.harness.jmh.Budget;
import dev.pglab.harness.jmh.JmhShaped;
import dev.pglab.harness.jmh.PacedSuite;
import dev.pglab.harness.measure.ProcessCpu;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.result.RunNotes;
import dev.pglab.trace.TraceConfig;
import dev.pglab.trace.TraceRun;
import dev.pglab.trace.Tracer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * What the session trace costs, measured the way the pg_trace seed claims its 2-3 %: a TPC-B-like workload
 * (pgbench's script, {@link TraceTpcbDriver}) at 1 and N clients, without tracing and with each part of it added
 * in turn, interleaved A/B within every round (the arm order rotates per round). Per run: throughput, server CPU
 * per transaction (the client backends, and the logging collector separately), log bytes per transaction, this
 * JVM's CPU per transaction, and for the sampler arm the sampler's own CPU (thread and backend). Every ratio is
 * against the baseline of the same round and client count. Each round is one independent sample ("fork").
 *
 * <p>All arms run on one server with auto_explain and pg_stat_statements preloaded and jsonlog on, so only what
 * the trace switches on per session differs.
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

    @Override
    public List<ObjectNode> run(Budget budget, Path workDir) throws Exception {
        int maxClients = Integer.getInteger("pglab.trace.clients", 4);
        int[] clientLevels = maxClients > 1 ? new int[] {1, maxClients} : new int[] {1};
        int rounds = Math.max(1, budget.forks * budget.measurementIterations);
        long runNanos = budget.measurementMillis * 1_000_000L;
        PgServerConfig config = PgServerConfig.fromEnvironment(ServerProfile.OBSERVE)
                .withSetting("logging_collector", "on").withSetting("log_destination", "jsonlog")
                .withSetting("log_directory", "log").withSetting("log_filename", "postgresql.log")
                .withSetting("log_rotation_size", "0").withSetting("log_rotation_age", "0")
                .withSetting("lc_messages", "C")
                // parallel workers' CPU would escape the per-backend accounting
                .withSetting("max_parallel_workers_per_gather", "0");
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Map<String, List<Sample>> scanSamples = new LinkedHashMap<>();
        try (PgServer server = PgServer.start(config)) {
            int scale = maxClients;
            try (Connection c = server.connect()) {
                TraceTpcbDriver.initialise(c, scale);
            }
            RunNotes.fixture("tpcb-scale-" + scale, "pgbench -i -s " + scale + " tables (" + scale * 100_000
                    + " accounts), pgbench's TPC-B-like script via JDBC prepared statements");
            Path jsonLog = server.logFiles().require("json");
            long loggerPid = loggerPid(server);
            // at least one warm-up pass of every arm, even on the smoke budget: the first traced call pays class
            // loading and bootstrap costs of hundreds of milliseconds that are not the trace's steady cost
            for (int w = 0; w < Math.max(1, budget.warmupIterations); w++) {
                for (int clients : clientLevels) {
                    for (Arm arm : Arm.values()) {
                        measure(server, Workload.TPCB, arm, clients, scale, runNanos / 2, w, workDir, jsonLog, loggerPid);
                    }
                }
                for (Arm arm : Arm.values()) {
                    measure(server, Workload.SCAN, arm, 1, scale, runNanos / 2, w, workDir, jsonLog, loggerPid);
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (int clients : clientLevels) {
                    Arm[] order = rotated(round);
                    for (Arm arm : order) {
                        Sample s = measure(server, Workload.TPCB, arm, clients, scale, runNanos, 1000 + round, workDir,
                                jsonLog, loggerPid);
                        samples.computeIfAbsent(arm.id() + "|" + clients, k -> new ArrayList<>()).add(s);
                        print("tpcb", round, clients, arm, s);
                    }
                }
                for (Arm arm : rotated(round)) {
                    Sample s = measure(server, Workload.SCAN, arm, 1, scale, runNanos, 2000 + round, workDir, jsonLog,
                            loggerPid);
                    scanSamples.computeIfAbsent(arm.id() + "|1", k -> new ArrayList<>()).add(s);
                    print("scan", round, 1, arm, s);
                }
            }
            // after the measurements, not measured: leave trace directories with their profiles for the HTML report
            int top = clientLevels[clientLevels.length - 1];
            PublishedTraces.publish(traceDir(workDir, Workload.TPCB, Arm.SAMPLER, top), "tpcb-sampler-c" + top,
                    "the last measured round's sampler arm of this suite: pgbench's TPC-B-like script, " + top
                            + " clients, " + budget.measurementMillis + " ms, auto_explain + 1 kHz wait sampling");
            PublishedTraces.replayTransfers(server);
        }
        List<ObjectNode> results = new ArrayList<>(results(Workload.TPCB, samples, clientLevels, rounds));
        results.addAll(results(Workload.SCAN, scanSamples, new int[] {1}, rounds));
        System.out.print(summaryTable(results));
        return results;
    }

    private static void print(String workload, int round, int clients, Arm arm, Sample s) {
        System.out.printf("pglab: trace overhead %s round %d, %d client(s), %-12s %8.1f tx/s, backend %7.1f us/tx,"
                + " log %7.0f B/tx%n", workload, round + 1, clients, arm.id(), s.txPerSecond(),
                s.backendCpuMicrosPerTx(), s.logBytesPerTx());
    }

    /** The overhead table (medians over rounds) as TRACE.md shows it. */
    static String summaryTable(List<ObjectNode> results) {
        StringBuilder t = new StringBuilder("| workload | clients | arm | tx/s | vs baseline | backend CPU us/tx | vs baseline"
                + " | logger CPU us/tx | log B/tx | client CPU us/tx | sampler % of a core (period us) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ObjectNode e : results) {
            var sec = e.get("secondaryMetrics");
            java.util.function.Function<String, String> f = k -> sec.has(k)
                    ? String.format(java.util.Locale.ROOT, "%.2f", sec.get(k).get("score").asDouble()) : "-";
            java.util.function.Function<String, String> i = k -> sec.has(k)
                    ? String.format(java.util.Locale.ROOT, "%.0f", sec.get(k).get("score").asDouble()) : "-";
            String bench = e.get("benchmark").asText();
            t.append(String.format(java.util.Locale.ROOT, "| %s | %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %s |%n",
                    bench.substring(bench.lastIndexOf('.') + 1), e.get("params").get("clients").asText(),
                    e.get("params").get("arm").asText(),
                    e.get("primaryMetric").get("score").asDouble(), f.apply("throughputVsBaseline"),
                    i.apply("backendCpuPerTx"), f.apply("backendCpuVsBaseline"), i.apply("loggerCpuPerTx"),
                    i.apply("logBytesPerTx"), i.apply("clientCpuPerTx"),
                    sec.has("samplerCpu") ? f.apply("samplerCpu") + " (" + i.apply("samplerAchievedPeriod") + ")" : "-"));
        }
        return t.toString();
    }

    private static Arm[] rotated(int round) {
        Arm[] all = Arm.values();
        Arm[] out = new Arm[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = all[(i + round) % all.length];
        }
        return out;
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

    private static List<ObjectNode> results(Workload workload, Map<String, List<Sample>> samples, int[] clientLevels,
                                            int rounds) {
        List<ObjectNode> out = new ArrayList<>();
        for (int clients : clientLevels) {
            List<Sample> base = samples.get(Arm.BASELINE.id() + "|" + clients);
            for (Arm arm : Arm.values()) {
                List<Sample> mine = samples.get(arm.id() + "|" + clients);
                double[][] tps = new double[rounds][];
                double[][] ratio = new double[rounds][];
                double[][] backend = new double[rounds][];
                double[][] backendRatio = new double[rounds][];
                double[][] logger = new double[rounds][];
                double[][] logBytes = new double[rounds][];
                double[][] client = new double[rounds][];
                double[][] sampler = new double[rounds][];
                double[][] samplerPeriod = new double[rounds][];
                double[][] finish = new double[rounds][];
                for (int r = 0; r < rounds; r++) {
                    Sample s = mine.get(r);
                    Sample b = base.get(r);
                    tps[r] = new double[] {s.txPerSecond()};
                    ratio[r] = new double[] {s.txPerSecond() / b.txPerSecond()};
                    backend[r] = new double[] {s.backendCpuMicrosPerTx()};
                    backendRatio[r] = new double[] {s.backendCpuMicrosPerTx() / b.backendCpuMicrosPerTx()};
                    logger[r] = new double[] {s.loggerCpuMicrosPerTx()};
                    logBytes[r] = new double[] {s.logBytesPerTx()};
                    client[r] = new double[] {s.clientCpuMicrosPerTx()};
                    sampler[r] = new double[] {s.samplerCpuPercentOfCore()};
                    samplerPeriod[r] = new double[] {s.samplerPeriodMicros()};
                    finish[r] = new double[] {s.finishMillis()};
                }
                JmhShaped entry = JmhShaped.of(workload.benchmark(), "thrpt")
                        .params(Map.of("arm", arm.id(), "clients", Integer.toString(clients)))
                        .primary("tx/s", tps)
                        .secondary("throughputVsBaseline", "ratio", ratio)
                        .secondary("backendCpuPerTx", "us/tx", backend)
                        .secondary("backendCpuVsBaseline", "ratio", backendRatio)
                        .secondary("loggerCpuPerTx", "us/tx", logger)
                        .secondary("logBytesPerTx", "B/tx", logBytes)
                        .secondary("clientCpuPerTx", "us/tx", client)
                        .secondary("traceFinish", "ms", finish);
                if (arm == Arm.SAMPLER) {
                    entry.secondary("samplerCpu", "% of a core", sampler);
                    entry.secondary("samplerAchievedPeriod", "us", samplerPeriod);
                }
                out.add(entry.build());
            }
        }
        return out;
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
