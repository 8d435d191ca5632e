package dev.pglab.cli;

import dev.pglab.reports.ReplayPage;
import dev.pglab.replay.CaptureSpan;
import dev.pglab.replay.ExecutionLog;
import dev.pglab.replay.MetricsEndpoint;
import dev.pglab.replay.ProgressLine;
import dev.pglab.replay.Replay;
import dev.pglab.replay.ReplayConfig;
import dev.pglab.replay.ReplayMode;
import dev.pglab.replay.ReplayOptions;
import dev.pglab.replay.ReplayReport;
import dev.pglab.replay.ReplaySource;
import dev.pglab.replay.ReplaySources;
import dev.pglab.replay.ReplayTimeline;
import dev.pglab.replay.ReplayTarget;
import dev.pglab.replay.ReportWriter;
import dev.pglab.replay.ServerTarget;
import dev.pglab.replay.Speed;
import dev.pglab.replay.UrlTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pglab replay}: replays a captured log against a server, one virtual thread per captured session. */
@Command(name = "replay", sortOptions = false, subcommands = {ReplayReportCommand.class, ReplayCompareCommand.class},
        description = {
                "Replay a captured PostgreSQL log (stderr, csvlog or jsonlog written with log_statement=all, "
                        + "connections and disconnections logged) or a .replay file against a server, paced to the "
                        + "capture's timestamps.",
                "Each captured session runs on its own virtual thread and connection, as its captured user in its "
                        + "captured database (-U, -d or --user-map/--db-map change that), so a slow statement delays "
                        + "only its own session. Ctrl-C stops at once and still writes the report of what ran.",
                "Without -h/-p/-d/--target (and PGHOST/PGPORT unset), an embedded PostgreSQL is started that creates "
                        + "the capture's users and databases."},
        footer = {"", "Examples:", "  pglab replay postgresql.log --speed 2 --report out/",
                "  pglab replay cap.replay -h 127.0.0.1 -p 5432 -U app -d shop --order strict",
                "  pglab replay cap.replay -d postgresql://app@db.example:5432/shop"})
public final class ReplayCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "LOG|FILE.replay", description = "The captured log or replay file.")
    Path input;

    @picocli.CommandLine.Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--speed", defaultValue = "1", paramLabel = "F|max",
            description = "Pace factor (2 = twice as fast) or 'max' (each session as fast as it can). Default: ${DEFAULT-VALUE}.")
    String speed;

    @Option(names = "--max-idle", paramLabel = "D", description = "Jump over capture gaps longer than D (e.g. 1s, 500ms).")
    String maxIdle;

    @Option(names = "--from", paramLabel = "TIME", description = "Skip items stamped before TIME (2026-11-25T15:00:00Z or '2026-11-25 15:00:00.000 UTC').")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Stop at items stamped after TIME.")
    String to;

    @Option(names = {"--order", "--mode"}, defaultValue = "commit", paramLabel = "session|commit|strict",
            description = "Order across sessions (each session always keeps its own). commit (default): an item waits "
                    + "for the writing transactions committed before it in the capture, and DDL/TRUNCATE/VACUUM/LOCK are "
                    + "not overtaken; read-only work waits for no one. session: no order across sessions. strict: the "
                    + "captured start order (pgreplay's; one slow statement stalls everything behind it).")
    String order;

    @Option(names = "--user-map", paramLabel = "captured=target", description = "Connect as another user (repeatable; '*=bob' maps every user not mapped otherwise).")
    List<String> userMap = List.of();

    @Option(names = "--db-map", paramLabel = "captured=target", description = "Connect to another database (repeatable; '*=test' maps every other database).")
    List<String> dbMap = List.of();

    @Option(names = "--format", paramLabel = "stderr|csv|json", description = "Log format (default: from the file).")
    String format;

    @Option(names = "--report", paramLabel = "DIR", description = "Write replay.json, timeline.json, .hgrm files, summary.txt, executions.csv and the page index.html here.")
    Path report;

    @Option(names = "--metrics-port", paramLabel = "N", description = "Serve Prometheus metrics on http://127.0.0.1:N/metrics while replaying.")
    Integer metricsPort;

    @Option(names = "--metrics-address", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address the metrics endpoint binds (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String metricsAddress;

    @Option(names = "--lookahead", defaultValue = "1s", paramLabel = "D",
            description = "How far ahead of the replay clock the reader may read. Default: ${DEFAULT-VALUE}.")
    String lookahead;

    @Option(names = "--warm-up", defaultValue = "2s", paramLabel = "D",
            description = "Before the clock starts, replay a synthetic read-only workload against the target for at "
                    + "most D (not measured), so the first captured seconds are not late for JIT and first connections. "
                    + "0s: none. Default: ${DEFAULT-VALUE}.")
    String warmUp;

    @Option(names = "--progress", arity = "0..1", fallbackValue = "2", paramLabel = "SECONDS",
            description = "Print a progress line to stderr every SECONDS (default 2 when stderr is a terminal, else none; "
                    + "0: none).")
    Integer progressSeconds;

    @Option(names = "--json", description = "Print replay.json to stdout instead of the readable summary.")
    boolean json;

    @Option(names = "--dry-run", description = "Read, pace and dispatch every item to its session, but run nothing "
            + "(no server; like pgreplay -n).")
    boolean dryRun;

    @picocli.CommandLine.Mixin
    ReplayTraceOptions trace = new ReplayTraceOptions();

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter out = spec.commandLine().getOut();
        java.io.PrintWriter err = spec.commandLine().getErr();
        ReplayConfig config;
        java.time.Duration warmUpLimit;
        try {
            warmUpLimit = ReplayOptions.duration(warmUp);
            if (warmUpLimit.isNegative()) {
                throw new IllegalArgumentException("--warm-up must not be negative: " + warmUp);
            }
            config = ReplayConfig.defaults()
                    .withSpeed(Speed.parse(speed))
                    .withMode(ReplayMode.parse(order))
                    .withLookahead(ReplayOptions.duration(lookahead))
                    .withWindow(Optional.ofNullable(from).map(ReplayOptions::time), Optional.ofNullable(to).map(ReplayOptions::time))
                    .withMaps(ReplayOptions.nameMap(userMap, "--user-map"), ReplayOptions.nameMap(dbMap, "--db-map"));
            if (maxIdle != null) {
                config = config.withMaxIdle(ReplayOptions.duration(maxIdle));
            }
        } catch (IllegalArgumentException e) {
            err.println("pglab replay: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
        if (input == null) {
            err.println("pglab replay: a LOG or FILE.replay to replay is required (or 'pglab replay report DIR...')");
            return ExitCodes.USAGE_OR_INPUT;
        }
        if (report != null) {
            java.nio.file.Files.createDirectories(report); // a report that cannot be written fails now, not after the run
        }
        ConnectionOptions.Target where = dryRun ? null : connection.resolve();
        if (where instanceof ConnectionOptions.Target.Server server) {
            // -U / -d name who replays where: every session, unless a map says otherwise for its captured name
            List<String> users = new java.util.ArrayList<>(userMap);
            List<String> dbs = new java.util.ArrayList<>(dbMap);
            if (server.userGiven() && users.stream().noneMatch(m -> m.startsWith("*="))) {
                users.add("*=" + server.info().user());
            }
            if (server.databaseGiven() && dbs.stream().noneMatch(m -> m.startsWith("*="))) {
                dbs.add("*=" + server.info().database());
            }
            config = config.withMaps(ReplayOptions.nameMap(users, "--user-map"), ReplayOptions.nameMap(dbs, "--db-map"));
        }
        ReplaySource source = ReplaySources.open(input, Optional.ofNullable(format));
        try (source; ReplayTarget t = dryRun ? null : switch (where) {
            case ConnectionOptions.Target.Server server -> UrlTarget.of(server.info());
            case ConnectionOptions.Target.Embedded e -> trace.on() ? trace.embeddedTarget() : ServerTarget.embedded();
            case ConnectionOptions.Target.Docker d -> ServerTarget.of(Servers.docker(), true);
        }) {
            Replay replay = dryRun ? Replay.dryRun(config, (id, item, due, start) -> { }) : new Replay(config, t, List.of()).withWarmUp(warmUpLimit);
            dev.pglab.trace.Tracer tracer = trace.on() && !dryRun ? trace.start(t, where, replay, err) : null;
            ExecutionLog executions = report == null ? null : new ExecutionLog(report.resolve("executions.csv"), replay);
            if (executions != null) {
                replay.addListener(executions);
            }
            ReplayTimeline timeline = report == null ? null : new ReplayTimeline(replay);
            if (timeline != null) {
                replay.addListener(timeline);
            }
            err.printf("pglab replay: %s -> %s (order %s, speed %s)%n", source.describe(), dryRun ? "dry run" : t.describe(),
                    config.mode().option(), config.speed());
            CountDownLatch reported = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                replay.stop();
                try {
                    reported.await(15, TimeUnit.SECONDS); // let run() return and the report be written
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "pglab-replay-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            MetricsEndpoint metrics = metricsPort == null ? null : MetricsEndpoint.start(replay, metricsAddress, metricsPort);
            if (metrics != null) {
                err.printf("pglab replay: metrics on http://%s:%d/metrics%n", metricsAddress, metrics.port());
            }
            int progressEvery = progressSeconds != null ? progressSeconds : Verbosity.terminal() ? 2 : 0;
            ProgressLine progress = progressEvery > 0 ? new ProgressLine(replay, line -> {
                err.println(line);
                err.flush();
            }, progressEvery * 1000L) : null;
            if (progress != null) {
                // the capture's span makes the line show percent and time left; read on the side, never delaying the start
                Thread.ofVirtual().name("pglab-capture-span").start(() ->
                        CaptureSpan.of(input, Optional.ofNullable(format)).ifPresent(progress::withCaptureSpan));
            }
            ReplayReport result;
            try {
                result = replay.run(source);
            } finally {
                if (progress != null) {
                    progress.close();
                }
                if (metrics != null) {
                    metrics.close();
                }
                if (executions != null) {
                    executions.close();
                }
                if (tracer != null) {
                    trace.finish(tracer, err);
                }
            }
            source.parseSummary().filter(p -> p.malformed() > 0).ifPresent(p -> {
                err.printf("pglab replay: %d malformed log entries skipped; the first:%n", p.malformed());
                p.problems().stream().limit(10).forEach(problem -> err.println("  " + problem));
            });
            try {
                if (report != null) {
                    ReportWriter.write(result, report);
                    timeline.write(report);
                    ReplayPage.write(List.of(report), report.resolve("index.html"));
                    err.println("pglab replay: report written to " + report.toAbsolutePath());
                }
                out.print(json ? ReportWriter.json(result) + System.lineSeparator() : ReportWriter.summary(result));
                out.flush();
                err.flush();
            } finally {
                reported.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the report above
            }
            int traceCode = tracer == null ? ExitCodes.OK : trace.exitCode();
            return Math.max(exitCode(result, dryRun, err), traceCode == ExitCodes.PARTIAL ? ExitCodes.PARTIAL : ExitCodes.OK);
        }
    }

    /**
     * The exit-code contract for a replay: nothing ran (every session refused, unreadable input) is 2, never 0;
     * skipped malformed input, refused or lost sessions and statements that failed only here are 3.
     */
    static int exitCode(ReplayReport r, boolean dryRun, java.io.PrintWriter err) {
        if (r.endReason().equals("stopped")) {
            return ExitCodes.INTERRUPTED;
        }
        long ran = dryRun ? r.dryRunItems() : r.statements() + r.executes() + r.connects();
        if (!r.endReason().equals("completed") || (ran == 0 && (r.connectionsRefused() > 0 || r.inputMalformed() > 0))) {
            err.printf("pglab replay: nothing ran%s%n", r.connectionsRefused() > 0
                    ? " (" + r.connectionsRefused() + " connections refused)" : r.sourceError() == null ? "" : ": " + r.sourceError());
            return ExitCodes.USAGE_OR_INPUT;
        }
        long newErrors = r.errors() - r.errorsAlsoInCapture();
        if (r.inputMalformed() > 0 || r.connectionsRefused() > 0 || r.sessionsLost() > 0 || newErrors > 0) {
            err.printf("pglab replay: partial: %d malformed entries skipped, %d connections refused, %d sessions lost, "
                    + "%d statements failed that did not fail in the capture%n", r.inputMalformed(), r.connectionsRefused(),
                    r.sessionsLost(), newErrors);
            return ExitCodes.PARTIAL;
        }
        return ExitCodes.OK;
    }
}
