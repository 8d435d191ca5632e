package dev.pglab.trace.bench;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.result.RunNotes;
import dev.pglab.harness.result.TraceProfileFile;
import dev.pglab.parser.LogParser;
import dev.pglab.parser.ParserOptions;
import dev.pglab.parser.ReplayItem;
import dev.pglab.replay.Replay;
import dev.pglab.replay.ReplayConfig;
import dev.pglab.replay.ReplayReport;
import dev.pglab.replay.ReplaySource;
import dev.pglab.replay.ServerTarget;
import dev.pglab.trace.TraceConfig;
import dev.pglab.trace.TraceListener;
import dev.pglab.trace.TraceProfile;
import dev.pglab.trace.Tracer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Trace directories the bench pass leaves for the HTML report: {@code <root>/target/pglab/traces/<name>/} holds the
 * trace files ({@code *.trc}, {@code *.trace.jsonl}, {@code trace-run.json}, {@code pg_stat_statements.json}) and
 * {@code trace-profile.json}, the profile {@code pglab trace report --json} prints plus {@code name}, {@code module}
 * and {@code description} (see {@link TraceProfile#writeJson}). The report renders a page per such file. Nothing
 * here is measured: these runs happen after the suite's measurements, to show what a trace looks like.
 */
final class PublishedTraces {
    static final String MODULE = "bench-trace";

    private PublishedTraces() {
    }

    /** {@code <root>/target/pglab/traces}. */
    static Path root() {
        String root = System.getProperty("pglab.root");
        return TraceProfileFile.tracesDir(root != null && !root.isBlank() ? Path.of(root) : Path.of("").toAbsolutePath());
    }

    /**
     * A traced replay of a real capture from fixtures ({@link TraceCaptures#transfers()}: three sessions, a row lock
     * held 300 ms) into {@code server}, with server detail, waits and pg_stat_statements; about 2 s of replay.
     */
    static Path replayTransfers(PgServer server) throws Exception {
        long t0 = System.nanoTime();
        CapturedLogs logs = TraceCaptures.transfers();
        List<ReplayItem> items = new ArrayList<>();
        new LogParser(ParserOptions.defaults()).parse(logs.file("json"), items::add);
        RunNotes.fixture("trace-transfers-v4", "LogCapture of TraceCaptures.transfers: 3 sessions, a row lock held "
                + TraceCaptures.HOLD_MILLIS + " ms, replayed traced for the report");
        Path dir = fresh(root().resolve("replay-transfers"));
        // the suite's server preloads pg_stat_statements; the view exists once the extension is created
        server.execute("create extension if not exists pg_stat_statements", "drop table if exists trc_acct");
        ReplayReport report;
        try (ServerTarget target = ServerTarget.of(server, true);
             Tracer tracer = Tracer.start(TraceConfig.defaults(dir), server::connect)) {
            report = new Replay(ReplayConfig.defaults(), target, List.of(new TraceListener(tracer)))
                    .run(ReplaySource.of(items, "trace-transfers"));
            tracer.finish();
        }
        if (report.errors() > 0) {
            throw new IllegalStateException("the traced replay of trace-transfers had errors: " + report.errorsBySqlState());
        }
        TraceProfile profile = TraceProfile.of(dir);
        Path file = profile.writeJson("replay-transfers", MODULE, "pglab replay of the fixtures' trace-transfers capture"
                + " (3 sessions; one UPDATE waits " + TraceCaptures.HOLD_MILLIS + " ms for another's row lock), traced"
                + " with auto_explain, 1 kHz wait sampling and pg_stat_statements, paced as captured");
        System.out.printf("pglab: traced replay of trace-transfers: %d sessions, %d statement shapes, profile %s"
                        + " (%.1f s with the capture)%n", profile.sessions().size(), profile.statements().size(), file,
                (System.nanoTime() - t0) / 1e9);
        return file;
    }

    /** Moves a trace directory a suite wrote (e.g. its last measured traced run) under {@link #root()} with its profile. */
    static Path publish(Path traceDir, String name, String description) throws IOException {
        long t0 = System.nanoTime();
        Path dir = fresh(root().resolve(name));
        Files.move(traceDir, dir, StandardCopyOption.REPLACE_EXISTING);
        Path file = TraceProfile.of(dir).writeJson(name, MODULE, description);
        System.out.printf("pglab: trace %s published with its profile %s (%.1f s)%n", name, file,
                (System.nanoTime() - t0) / 1e9);
        return file;
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir.getParent());
        return dir;
    }
}
