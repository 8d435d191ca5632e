package dev.pglab.cli;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.replay.Replay;
import dev.pglab.replay.ReplayTarget;
import dev.pglab.replay.ServerTarget;
import dev.pglab.trace.TraceConfig;
import dev.pglab.trace.TraceListener;
import dev.pglab.trace.TraceRun;
import dev.pglab.trace.Tracer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code pglab replay --trace DIR ...}: the session trace options, mixed into the replay command. */
final class ReplayTraceOptions {

    @Option(names = "--trace", paramLabel = "DIR",
            description = "Trace every replayed session Oracle-10046-style into DIR: one .trc (text) and .trace.jsonl per"
                    + " session with SQL, binds, times, rows, errors, auto_explain server detail and sampled waits;"
                    + " summarise with `pglab trace report DIR`.")
    Path dir;

    @Option(names = "--trace-sample-hz", defaultValue = "1000", paramLabel = "N",
            description = "Wait sampling rate (pg_stat_activity polls per second; default ${DEFAULT-VALUE}; 0: no waits).")
    int sampleHz;

    @Option(names = "--trace-no-server-detail", description = "Do not enable auto_explain on the replayed sessions.")
    boolean noServerDetail;

    @Option(names = "--trace-json-log", paramLabel = "FILE",
            description = "The target's jsonlog, when pglab can read it but cannot ask pg_current_logfile (no superuser).")
    Path jsonLog;

    @Option(names = "--trace-user", paramLabel = "USER",
            description = "User for the tracer's own connections (sampler, snapshots); superuser or pg_read_all_stats"
                    + " sees every session's waits (default: the connection's user; postgres on the embedded server).")
    String user;

    @Option(names = "--trace-database", paramLabel = "DB",
            description = "Database for the tracer's own connections (default: the connection's database; postgres"
                    + " on the embedded server).")
    String database;

    /** Parts the finished trace lacks; a partial trace makes the replay exit 3. */
    private java.util.List<String> missing = java.util.List.of();

    boolean on() {
        return dir != null;
    }

    /**
     * The embedded target when tracing: jsonlog on, auto_explain and pg_stat_statements preloaded, track_io_timing,
     * so every part of the trace is available.
     */
    ReplayTarget embeddedTarget() {
        PgServer server = PgServer.start(PgServerConfig.embedded(ServerProfile.OBSERVE)
                .withSetting("logging_collector", "on").withSetting("log_destination", "jsonlog")
                .withSetting("log_directory", "log").withSetting("lc_messages", "C"));
        // preloading is not enough: the view exists once the extension is created where the tracer connects
        server.execute("create extension if not exists pg_stat_statements");
        ServerTarget inner = ServerTarget.of(server, true);
        return new ReplayTarget() {
            @Override
            public java.sql.Connection connect(String user, String database) throws java.sql.SQLException {
                return inner.connect(user, database);
            }

            @Override
            public String describe() {
                return "embedded " + inner.describe() + " (auto_explain, jsonlog)";
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** Starts the tracer and hooks it into the replay. */
    Tracer start(ReplayTarget target, ConnectionOptions.Target where, Replay replay, PrintWriter err)
            throws java.sql.SQLException {
        String tracerUser = user != null ? user
                : where instanceof ConnectionOptions.Target.Server s ? s.info().user() : "postgres";
        String tracerDatabase = database != null ? database
                : where instanceof ConnectionOptions.Target.Server s ? s.info().database() : "postgres";
        TraceConfig config = TraceConfig.defaults(dir).withServerDetail(!noServerDetail).withWaits(sampleHz > 0);
        if (sampleHz > 0) {
            config = config.withSamplePeriod(Duration.ofNanos(1_000_000_000L / sampleHz));
        }
        if (jsonLog != null) {
            config = config.withJsonLog(jsonLog);
        }
        Tracer tracer = Tracer.start(config, () -> target.connect(tracerUser, tracerDatabase));
        replay.addListener(new TraceListener(tracer));
        err.printf("pglab replay: tracing sessions into %s%n", dir.toAbsolutePath());
        err.flush();
        return tracer;
    }

    void finish(Tracer tracer, PrintWriter err) throws Exception {
        TraceRun run = tracer.finish();
        err.printf("pglab replay: %d session traces in %s (summary: pglab trace report %s)%n", run.sessionFiles().size(),
                dir.toAbsolutePath(), dir);
        for (String m : run.missing()) {
            err.println("pglab replay: trace missing " + m);
        }
        missing = run.missing();
        if (!missing.isEmpty()) {
            err.println("pglab replay: the trace is partial (its header lists what is missing)");
        }
    }

    int exitCode() {
        return missing.isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}
