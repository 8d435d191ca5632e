package dev.pglab.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a session's events as the 10046-style text ({@code <session>.trc}) and as JSON lines
 * ({@code <session>.trace.jsonl}), and reads the JSON lines back.
 */
public final class TraceFiles {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final String TEXT_SUFFIX = ".trc";
    public static final String JSON_SUFFIX = ".trace.jsonl";

    private TraceFiles() {
    }

    static void write(Path dir, String fileStem, List<TraceEvent> events) throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter text = Files.newBufferedWriter(dir.resolve(fileStem + TEXT_SUFFIX), StandardCharsets.UTF_8);
             BufferedWriter json = Files.newBufferedWriter(dir.resolve(fileStem + JSON_SUFFIX), StandardCharsets.UTF_8)) {
            for (TraceEvent ev : events) {
                text.write(text(ev));
                json.write(JSON.writeValueAsString(ev));
                json.write('\n');
            }
        }
    }

    /** Every session's events from the JSON lines files in a directory, by file name; a bad line stops it. */
    public static List<List<TraceEvent>> readAll(Path dir) throws IOException {
        List<List<TraceEvent>> sessions = new ArrayList<>();
        for (Path f : files(dir)) {
            sessions.add(read(f));
        }
        return sessions;
    }

    /**
     * One session's events, its lines that are no trace event skipped and each named in {@code problems}
     * ({@code file:line: what was expected}): a trace cut by a crash keeps everything before the cut.
     */
    public static List<TraceEvent> read(Path file, List<String> problems) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        long lineNo = 0;
        var utf8 = StandardCharsets.UTF_8.newDecoder();
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
            for (boolean more = true; more; ) {
                bytes.reset();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    bytes.write(b);
                }
                more = b >= 0;
                if (!more && bytes.size() == 0) {
                    break;
                }
                lineNo++;
                String line;
                try {
                    line = utf8.decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
                } catch (java.nio.charset.CharacterCodingException e) {
                    problems.add(file + ":" + lineNo + ": expected UTF-8 text, the line is skipped");
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    TraceEvent ev = JSON.readValue(line, TraceEvent.class);
                    String lacks = lacks(ev);
                    if (lacks == null) {
                        events.add(ev);
                    } else {
                        problems.add(file + ":" + lineNo + ": a trace event with " + lacks + " expected, skipped");
                    }
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    // the original message: Jackson's full one hides the source ("Source: REDACTED")
                    problems.add(file + ":" + lineNo + ": expected a trace event (JSON with \"ev\"), skipped: "
                            + e.getOriginalMessage().replaceAll("\\p{Cntrl}", "?"));
                }
            }
        }
        return events;
    }

    /** The field a profile needs that the event lacks (a hand-edited or damaged line), or null. */
    static String lacks(TraceEvent ev) {
        return switch (ev) {
            case null -> "\"ev\"";
            case TraceEvent.Header h -> h.parts() == null || h.missing() == null ? "\"parts\" and \"missing\"" : null;
            case TraceEvent.Parse p -> p.sql() == null ? "\"sql\"" : null;
            case TraceEvent.Binds b -> b.sets() == null || b.sets().stream().anyMatch(set -> set == null || set.contains(null))
                    ? "\"sets\" of binds" : null;
            case TraceEvent.Wait w -> w.event() == null ? "\"event\"" : null;
            case TraceEvent.Stat st -> st.node() == null || st.node().operation() == null ? "\"node\" with \"operation\"" : null;
            case TraceEvent.Exec x -> null;
            case TraceEvent.Error e -> null;
            case TraceEvent.Close c -> null;
        };
    }

    /** One session's events; the first line that is no trace event throws, naming the file and line. */
    public static List<TraceEvent> read(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        List<TraceEvent> events = read(file, problems);
        if (!problems.isEmpty()) {
            throw new IOException(problems.getFirst());
        }
        return events;
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(JSON_SUFFIX)).sorted().toList();
        }
    }

    static String text(TraceEvent ev) {
        return switch (ev) {
            case TraceEvent.Header h -> header(h);
            case TraceEvent.Parse p -> "PARSING IN CURSOR #" + p.cursor() + " len=" + p.sql().length() + " dep=" + p.dep()
                    + " hv=" + p.hv() + " tim=" + p.tim() + "\n" + p.sql() + "\nEND OF STMT\n"
                    + "PARSE #" + p.cursor() + ":dep=" + p.dep() + ",tim=" + p.tim() + "\n";
            case TraceEvent.Binds b -> binds(b);
            case TraceEvent.Exec x -> exec(x);
            case TraceEvent.Wait w -> "WAIT #" + w.cursor() + ": nam='" + w.event() + "' ela≈" + w.ela()
                    + " samples=" + w.samples() + " period=" + w.period() + (w.cursor() == 0 ? " (between calls)" : "") + "\n";
            case TraceEvent.Stat s -> stat(s);
            case TraceEvent.Error e -> "ERROR #" + e.cursor() + ":err=" + e.sqlState() + " " + oneLine(e.message()) + "\n";
            case TraceEvent.Close c -> "CLOSE: tim=" + c.tim() + " calls=" + c.calls() + " in_calls=" + c.inCalls()
                    + " between_calls=" + c.betweenCalls() + "\n";
        };
    }

    private static String header(TraceEvent.Header h) {
        StringBuilder s = new StringBuilder();
        s.append("*** pglab session trace (Oracle 10046 style, from the client and stock server features)\n");
        s.append("*** session: ").append(h.session()).append("  backend pid: ").append(h.pid())
                .append("  user: ").append(h.user()).append("  database: ").append(h.database()).append('\n');
        s.append("*** server: ").append(h.server()).append('\n');
        s.append("*** trace started: ").append(Instant.EPOCH.plusNanos(h.startedTim() * 1000)).append('\n');
        s.append("*** times in microseconds: e= client elapsed (System.nanoTime), se= server executor time (auto_explain),"
                + " tim= wall clock since the epoch\n");
        if (h.requestedPeriodMicros() > 0) {
            s.append("*** waits: ").append(h.waitSource()).append(" sampled every ").append(h.requestedPeriodMicros())
                    .append(" us requested, ").append(h.achievedPeriodMicros())
                    .append(" us achieved (mean); ela≈ sums the polling interval each sample stands for, period= is its"
                            + " mean; waits shorter than the period are seen only statistically\n");
            if (h.waitSource().startsWith("pg_wait_sampling")) {
                s.append("*** waits: pg_wait_sampling's collector records waiting backends only: time on CPU leaves no"
                        + " sample\n");
            }
        }
        s.append("*** parts: ").append(String.join(", ", h.parts())).append('\n');
        for (String m : h.missing()) {
            s.append("*** missing: ").append(m.replace('\n', ' ')).append('\n');
        }
        s.append("=====================\n");
        return s.toString();
    }

    private static String binds(TraceEvent.Binds b) {
        StringBuilder s = new StringBuilder("BINDS #").append(b.cursor()).append(":\n");
        for (int set = 0; set < b.sets().size(); set++) {
            if (b.sets().size() > 1) {
                s.append(" Batch#").append(set).append('\n');
            }
            for (Bind bind : b.sets().get(set)) {
                s.append(" Bind#").append(bind.position()).append(" type=").append(bind.type()).append(" value=")
                        .append(bind.value() == null ? "NULL" : quote(bind.value())).append('\n');
            }
        }
        return s.toString();
    }

    private static String exec(TraceEvent.Exec x) {
        StringBuilder s = new StringBuilder("EXEC #").append(x.cursor()).append(":e=").append(x.e()).append(",r=")
                .append(x.rows()).append(",dep=").append(x.dep()).append(",tim=").append(x.tim());
        if (x.batch() > 1) {
            s.append(",batch=").append(x.batch());
        }
        ServerDetail d = x.server();
        if (d != null) {
            s.append(",se=").append(d.elapsedMicros()).append(",cr=").append(d.sharedHit()).append(",pr=")
                    .append(d.sharedRead()).append(",dirtied=").append(d.sharedDirtied()).append(",pw=")
                    .append(d.sharedWritten()).append(",tmp_r=").append(d.tempRead()).append(",tmp_w=")
                    .append(d.tempWritten()).append(",io_r=").append(d.ioReadMicros()).append(",io_w=")
                    .append(d.ioWriteMicros());
        }
        return s.append('\n').toString();
    }

    private static String stat(TraceEvent.Stat s) {
        PlanNode n = s.node();
        return "STAT #" + s.cursor() + " id=" + n.id() + " pid=" + n.parent() + " op='" + n.operation() + "' cnt="
                + num(n.actualRows()) + " plan_rows=" + num(n.planRows()) + " loops=" + n.loops() + " cr=" + n.sharedHit()
                + " pr=" + n.sharedRead() + " dirtied=" + n.sharedDirtied() + " pw=" + n.sharedWritten() + "\n";
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Double quotes, with backslash escapes for quotes, backslashes and control characters: one line per bind. */
    static String quote(String v) {
        StringBuilder s = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ');
    }

    static void writeJson(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
