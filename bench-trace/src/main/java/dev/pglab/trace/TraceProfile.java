package dev.pglab.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.parser.sql.SqlFingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tkprof-like summary of a trace directory: per normalised statement (calls, elapsed, server time, rows,
 * buffers, waits by total time), per session (time in calls vs between calls) and, when the run left
 * {@code pg_stat_statements.json}, the server's own totals beside the trace's.
 */
public record TraceProfile(Path dir, List<StatementProfile> statements, List<SessionProfile> sessions,
                           List<CrossCheck> crossCheck) {
    /** The {@code schema} of the profile's JSON form ({@link #toJson()}), which the HTML report reads. */
    public static final String SCHEMA = dev.pglab.harness.result.TraceProfileFile.SCHEMA;
    /** The file a traced bench run leaves beside its trace files for the HTML report. */
    public static final String FILE_NAME = dev.pglab.harness.result.TraceProfileFile.FILE_NAME;

    /** Totals of one statement shape; times in µs, waits: event -> estimated µs, largest first. */
    public record StatementProfile(String shape, int dep, long calls, long errors, long elapsed, long serverCalls,
                                   long serverElapsed, long rows, long sharedHit, long sharedRead, long sharedDirtied,
                                   long sharedWritten, long tempBlocks, long ioMicros, Map<String, Long> waits) {
    }

    public record SessionProfile(String session, int pid, long calls, long inCalls, long betweenCalls,
                                 Map<String, Long> waitsInCalls, Map<String, Long> waitsBetweenCalls,
                                 List<String> missing) {
    }

    /** The trace's totals and pg_stat_statements' for one statement shape (times in ms). */
    public record CrossCheck(String shape, long traceCalls, long pgssCalls, double traceServerMillis,
                             double pgssExecMillis, long traceRows, long pgssRows) {
    }

    public static TraceProfile of(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory: expected a trace directory with *.trace.jsonl files");
        }
        List<Path> files = TraceFiles.files(dir);
        if (files.isEmpty()) {
            throw new IOException(dir + " holds no *" + TraceFiles.JSON_SUFFIX + " files: expected a trace directory");
        }
        Map<String, Acc> byShape = new LinkedHashMap<>();
        List<SessionProfile> sessionProfiles = new ArrayList<>();
        for (Path file : files) {
            // a bad line is reported with its session (as something the trace lacks) and the rest is read
            List<String> problems = new ArrayList<>();
            SessionProfile p = session(TraceFiles.read(file, problems), byShape);
            if (!problems.isEmpty()) {
                List<String> missing = new ArrayList<>(p.missing());
                missing.addAll(problems);
                p = new SessionProfile(p.session(), p.pid(), p.calls(), p.inCalls(), p.betweenCalls(), p.waitsInCalls(),
                        p.waitsBetweenCalls(), missing);
            }
            sessionProfiles.add(p);
        }
        List<StatementProfile> statements = byShape.entrySet().stream().map(e -> e.getValue().profile(e.getKey()))
                .sorted(Comparator.comparingLong(StatementProfile::elapsed).reversed()).toList();
        return new TraceProfile(dir, statements, sessionProfiles, crossCheck(dir, statements));
    }

    private static final class Acc {
        int dep;
        long calls;
        long errors;
        long elapsed;
        long serverCalls;
        long serverElapsed;
        long rows;
        long hit;
        long read;
        long dirtied;
        long written;
        long temp;
        long io;
        final Map<String, Long> waits = new HashMap<>();

        StatementProfile profile(String shape) {
            return new StatementProfile(shape, dep, calls, errors, elapsed, serverCalls, serverElapsed, rows, hit, read,
                    dirtied, written, temp, io, sortedDesc(waits));
        }
    }

    private static SessionProfile session(List<TraceEvent> events, Map<String, Acc> byShape) {
        Map<Integer, String> shapes = new HashMap<>();
        TraceEvent.Header header = null;
        TraceEvent.Close close = null;
        Map<String, Long> inCalls = new HashMap<>();
        Map<String, Long> between = new HashMap<>();
        long calls = 0;
        for (TraceEvent ev : events) {
            switch (ev) {
                case TraceEvent.Header h -> header = h;
                case TraceEvent.Parse p -> shapes.put(p.cursor(), SqlFingerprint.of(p.sql()));
                case TraceEvent.Exec x -> {
                    Acc a = byShape.computeIfAbsent(shapes.getOrDefault(x.cursor(), "?"), k -> new Acc());
                    a.dep = x.dep();
                    a.calls++;
                    a.elapsed += x.e();
                    a.rows += x.rows();
                    if (x.dep() == 0) {
                        calls++;
                    }
                    ServerDetail d = x.server();
                    if (d != null) {
                        a.serverCalls++;
                        a.serverElapsed += d.elapsedMicros();
                        a.hit += d.sharedHit();
                        a.read += d.sharedRead();
                        a.dirtied += d.sharedDirtied();
                        a.written += d.sharedWritten();
                        a.temp += d.tempRead() + d.tempWritten();
                        a.io += d.ioReadMicros() + d.ioWriteMicros();
                    }
                }
                case TraceEvent.Wait w -> {
                    if (w.cursor() == 0) {
                        between.merge(w.event(), w.ela(), Long::sum);
                    } else {
                        inCalls.merge(w.event(), w.ela(), Long::sum);
                        byShape.computeIfAbsent(shapes.getOrDefault(w.cursor(), "?"), k -> new Acc())
                                .waits.merge(w.event(), w.ela(), Long::sum);
                    }
                }
                case TraceEvent.Error e -> byShape.computeIfAbsent(shapes.getOrDefault(e.cursor(), "?"), k -> new Acc()).errors++;
                case TraceEvent.Close c -> close = c;
                case TraceEvent.Binds b -> { }
                case TraceEvent.Stat s -> { }
            }
        }
        return new SessionProfile(header == null ? "?" : header.session(), header == null ? -1 : header.pid(), calls,
                close == null ? 0 : close.inCalls(), close == null ? 0 : close.betweenCalls(), sortedDesc(inCalls),
                sortedDesc(between), header == null ? List.of() : header.missing());
    }

    private static Map<String, Long> sortedDesc(Map<String, Long> m) {
        Map<String, Long> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static List<CrossCheck> crossCheck(Path dir, List<StatementProfile> statements) throws IOException {
        Path file = dir.resolve("pg_stat_statements.json");
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode root = TraceFiles.JSON.readTree(file.toFile());
        Map<String, long[]> calls = new HashMap<>();
        Map<String, Double> exec = new HashMap<>();
        for (JsonNode e : root.path("entries")) {
            String shape = SqlFingerprint.of(e.path("query").asText(""));
            calls.computeIfAbsent(shape, k -> new long[2])[0] += e.path("calls").asLong();
            calls.get(shape)[1] += e.path("rows").asLong();
            exec.merge(shape, e.path("totalExecMillis").asDouble(), Double::sum);
        }
        List<CrossCheck> out = new ArrayList<>();
        for (StatementProfile s : statements) {
            long[] c = Optional.ofNullable(calls.get(s.shape())).orElse(new long[] {0, 0});
            out.add(new CrossCheck(s.shape(), s.calls(), c[0], s.serverElapsed() / 1000.0,
                    exec.getOrDefault(s.shape(), 0.0), s.rows(), c[1]));
        }
        return out;
    }

    /**
     * The profile as JSON, the form {@code pglab trace report --json} prints and {@code trace-profile.json} holds:
     * {@code schema}, {@code dir}, then the records as they are ({@code statements}, largest elapsed first, times in
     * µs, waits event -> µs largest first; {@code sessions}; {@code crossCheck}, times in ms).
     */
    public ObjectNode toJson() {
        ObjectNode root = TraceFiles.JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("dir", dir.toString());
        root.set("statements", TraceFiles.JSON.valueToTree(statements));
        root.set("sessions", TraceFiles.JSON.valueToTree(sessions));
        root.set("crossCheck", TraceFiles.JSON.valueToTree(crossCheck));
        return root;
    }

    /**
     * Writes {@link #FILE_NAME} into the trace directory with a name, the module whose report page links it and a
     * description of the run, ahead of {@link #toJson()}'s fields.
     */
    public Path writeJson(String name, String module, String description) throws IOException {
        ObjectNode root = TraceFiles.JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("name", name);
        root.put("module", module);
        root.put("description", description);
        root.setAll(toJson());
        Path file = dir.resolve(FILE_NAME);
        TraceFiles.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }

    /** The report as text, tkprof style. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        long calls = sessions.stream().mapToLong(SessionProfile::calls).sum();
        s.append("pglab trace report: ").append(dir).append(" (").append(sessions.size()).append(" sessions, ")
                .append(calls).append(" calls)\n");
        s.append("times in ms; elapsed = client-side (e=), server = executor time from auto_explain (se=);"
                + " waits are sampled estimates\n\n");
        s.append("== statements, by total elapsed ==\n");
        int n = 0;
        for (StatementProfile p : statements) {
            s.append("------------------------------------------------------------------------------\n");
            s.append('#').append(++n).append(p.dep() > 0 ? " (recursive, dep=" + p.dep() + ")" : "").append("  ")
                    .append(p.shape()).append('\n');
            s.append(String.format("  %8s %8s %12s %12s %12s %10s %10s %8s %8s %8s %6s %10s%n", "calls", "errors",
                    "elapsed", "server", "server/call", "rows", "cr", "pr", "dirtied", "pw", "tmp", "io"));
            s.append(String.format("  %8d %8d %12.3f %12.3f %12.3f %10d %10d %8d %8d %8d %6d %10.3f%n", p.calls(),
                    p.errors(), p.elapsed() / 1000.0, p.serverElapsed() / 1000.0,
                    p.serverCalls() == 0 ? 0.0 : p.serverElapsed() / 1000.0 / p.serverCalls(), p.rows(), p.sharedHit(),
                    p.sharedRead(), p.sharedDirtied(), p.sharedWritten(), p.tempBlocks(), p.ioMicros() / 1000.0));
            if (!p.waits().isEmpty()) {
                s.append("  waits (in calls):");
                p.waits().forEach((k, v) -> s.append(String.format("  %s %.3f", k, v / 1000.0)));
                s.append('\n');
            }
        }
        s.append("\n== sessions: time in calls vs between calls ==\n");
        s.append(String.format("%-24s %8s %8s %14s %18s %10s  %s%n", "session", "pid", "calls", "in calls", "between calls",
                "% in calls", "top waits between calls"));
        for (SessionProfile p : sessions) {
            long total = p.inCalls() + p.betweenCalls();
            StringBuilder top = new StringBuilder();
            p.waitsBetweenCalls().entrySet().stream().limit(3)
                    .forEach(e -> top.append(String.format("%s %.3f  ", e.getKey(), e.getValue() / 1000.0)));
            s.append(String.format("%-24s %8d %8d %14.3f %18.3f %10.1f  %s%n", p.session(), p.pid(), p.calls(),
                    p.inCalls() / 1000.0, p.betweenCalls() / 1000.0, total == 0 ? 0.0 : 100.0 * p.inCalls() / total,
                    top.toString().trim()));
            for (String m : p.missing()) {
                s.append("    missing: ").append(m).append('\n');
            }
        }
        if (!crossCheck.isEmpty()) {
            s.append("\n== cross-check with pg_stat_statements (after - before) ==\n");
            s.append(String.format("%10s %10s %14s %14s %10s %10s  %s%n", "trace", "pgss", "trace server", "pgss exec",
                    "trace", "pgss", "statement"));
            s.append(String.format("%10s %10s %14s %14s %10s %10s%n", "calls", "calls", "ms", "ms", "rows", "rows"));
            for (CrossCheck c : crossCheck) {
                s.append(String.format("%10d %10d %14.3f %14.3f %10d %10d  %s%n", c.traceCalls(), c.pgssCalls(),
                        c.traceServerMillis(), c.pgssExecMillis(), c.traceRows(), c.pgssRows(), abbreviate(c.shape())));
            }
        }
        return s.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
