package dev.pglab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.parser.LogFormat;
import dev.pglab.parser.LogParseException;
import dev.pglab.parser.LogParser;
import dev.pglab.parser.LogTimestamp;
import dev.pglab.parser.ParseProblem;
import dev.pglab.parser.ParseSummary;
import dev.pglab.parser.ParserOptions;
import dev.pglab.parser.LogSource;
import dev.pglab.parser.ReplayFileReader;
import dev.pglab.parser.ReplayFileSummary;
import dev.pglab.parser.ReplayFileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pglab parse}: counts what a PostgreSQL log holds for a replay, and optionally writes a replay file. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:all entries read", "1:the file cannot be read as a log (e.g. no prefix matches)",
                "2:no such file, or invalid options", "3:read, with malformed entries (counted and listed)"},
        description = {"Parse a PostgreSQL server log (stderr with any log_line_prefix, csvlog or jsonlog; plain or "
                + "gzip) into replay items and print what it holds.",
                "Malformed entries are counted and shown with file:line; they never stop the parse."})
public final class ParseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The log file (.log, .csv, .json, optionally .gz).")
    Path file;

    @Option(names = "--format", paramLabel = "stderr|csv|json",
            description = "Log format (default: from the file name, else from its first bytes).")
    LogFormat format;

    @Option(names = "--prefix", paramLabel = "P",
            description = "stderr log_line_prefix, e.g. '%%m [%%p] %%q%%u@%%d ' (default: detected from the first lines).")
    String prefix;

    @Option(names = "--parallel", description = "Split the file at entry boundaries across all cores (items keep their order).")
    boolean parallel;

    @Option(names = "--out", paramLabel = "FILE.replay", description = "Also write the items to a compact binary replay file.")
    Path out;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String unreadable = LogSource.unreadable(file);
        if (unreadable != null) {
            err.println("pglab parse: " + file + ": " + unreadable);
            return 2;
        }
        if (ReplayFileReader.isReplayFile(file)) {
            return summarizeReplayFile(o, err);
        }
        ParserOptions options = ParserOptions.defaults();
        if (format != null) {
            options = options.withFormat(format);
        }
        if (prefix != null) {
            options = options.withPrefix(prefix);
        }
        if (parallel) {
            options = options.parallel();
        }
        long size = Files.size(file);
        LongConsumer progress = size >= (128L << 20) && !json && Verbosity.terminal() ? new Progress(size, err) : bytes -> { };
        ParseSummary summary;
        try {
            if (out != null) {
                try (ReplayFileWriter writer = new ReplayFileWriter(out)) {
                    summary = new LogParser(options).parse(file, writer, progress);
                    writer.finish(); // only a whole parse gets the trailer and the file's name
                }
            } else {
                // counts only: the counting path builds no item and decodes no SQL text (what ParserBench.count* measure)
                summary = new LogParser(options).count(file, progress);
            }
        } catch (LogParseException e) {
            err.println("pglab parse: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
        double wall = WallClock.secondsSinceJvmStart();
        if (json) {
            o.println(toJson(summary, wall).toPrettyString());
        } else {
            printTable(summary, wall, o);
        }
        o.flush();
        return summary.malformed() > 0 ? 3 : 0;
    }

    /** A {@code .replay} file (known by its magic, whatever its name): what it holds and whether it is whole. */
    private int summarizeReplayFile(PrintWriter o, PrintWriter err) throws IOException {
        ReplayFileSummary r = ReplayFileSummary.of(file);
        if (json) {
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("file", r.file());
            n.put("format", "replay");
            n.put("version", r.version());
            n.put("bytes", r.bytes());
            n.put("items", r.items());
            n.put("sessions", r.sessions());
            n.put("connects", r.connects());
            n.put("disconnects", r.disconnects());
            n.put("statements", r.statements());
            n.put("executes", r.executes());
            n.put("firstTimestamp", iso(r.firstTimestamp()));
            n.put("lastTimestamp", iso(r.lastTimestamp()));
            n.put("verified", r.verified());
            n.put("integrity", r.integrity());
            o.println(n.toPrettyString());
        } else {
            o.printf("%s (pglab replay file, version %d)%n", r.file(), r.version());
            row(o, "bytes", r.bytes());
            row(o, "items", r.items());
            row(o, "sessions", r.sessions());
            row(o, "connects", r.connects());
            row(o, "disconnects", r.disconnects());
            row(o, "statements", r.statements());
            row(o, "executes", r.executes());
            o.printf("  %-24s %s .. %s%n", "time span", iso(r.firstTimestamp()), iso(r.lastTimestamp()));
            o.printf("  %-24s %s%n", "integrity", r.integrity());
        }
        o.flush();
        if (r.damaged()) {
            err.println("pglab parse: " + r.integrity());
            return 2;
        }
        return 0;
    }

    /**
     * @param wallSeconds the process's wall time so far: {@code seconds} and {@code mbPerSecond} are that figure,
     *                    JVM start included (what a user waits for); {@code parseSeconds} and
     *                    {@code parseMbPerSecond} are the parse alone
     */
    static ObjectNode toJson(ParseSummary s, double wallSeconds) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode n = mapper.createObjectNode();
        n.put("file", s.file());
        n.put("format", s.format().name().toLowerCase(java.util.Locale.ROOT));
        if (s.prefix() != null) {
            n.put("prefix", s.prefix());
        }
        n.put("bytes", s.bytes());
        n.put("lines", s.lines());
        n.put("entries", s.entries());
        n.put("sessions", s.sessions());
        n.put("connects", s.connects());
        n.put("disconnects", s.disconnects());
        n.put("statements", s.statements());
        n.put("executes", s.executes());
        n.put("executesNamed", s.executesNamed());
        n.put("executesUnnamed", s.executesUnnamed());
        n.put("executesWithParameters", s.executesWithParameters());
        n.put("parameters", s.parameters());
        n.put("nullParameters", s.nullParameters());
        n.put("parses", s.parses());
        n.put("binds", s.binds());
        n.put("errors", s.errors());
        n.put("fatals", s.fatals());
        n.put("failed", s.failed());
        n.put("malformed", s.malformed());
        n.put("invalidUtf8", s.invalidUtf8());
        n.put("firstTimestamp", iso(s.firstTimestamp()));
        n.put("lastTimestamp", iso(s.lastTimestamp()));
        n.put("threads", s.threads());
        n.put("seconds", Math.round(wallSeconds * 1e6) / 1e6);
        n.put("mbPerSecond", wallSeconds <= 0 ? 0 : Math.round(s.bytes() / 1e6 / wallSeconds * 10) / 10.0);
        n.put("timing", "seconds and mbPerSecond: wall time since the JVM started (its start-up included); "
                + "parseSeconds and parseMbPerSecond: the parse alone");
        n.put("parseSeconds", Math.round(s.seconds() * 1e6) / 1e6);
        n.put("parseMbPerSecond", Math.round(s.mbPerSecond() * 10) / 10.0);
        ArrayNode problems = n.putArray("problems");
        for (ParseProblem p : s.problems()) {
            problems.add(p.toString());
        }
        return n;
    }

    static String iso(LogTimestamp ts) {
        return ts == null ? null : Instant.EPOCH.plus(ts.epochMicros(), ChronoUnit.MICROS).toString();
    }

    private void printTable(ParseSummary s, double wallSeconds, PrintWriter o) {
        o.printf("%s (%s%s)%n", s.file(), s.format().name().toLowerCase(java.util.Locale.ROOT),
                s.prefix() == null ? "" : ", log_line_prefix '" + s.prefix() + "'");
        row(o, "bytes", s.bytes());
        row(o, "lines", s.lines());
        row(o, "entries", s.entries());
        row(o, "sessions", s.sessions());
        row(o, "connects", s.connects());
        row(o, "disconnects", s.disconnects());
        row(o, "statements", s.statements());
        o.printf("  %-24s %,14d  (named %,d, unnamed %,d, with parameters %,d)%n", "executes", s.executes(),
                s.executesNamed(), s.executesUnnamed(), s.executesWithParameters());
        o.printf("  %-24s %,14d  (NULL %,d)%n", "parameters", s.parameters(), s.nullParameters());
        if (s.parses() + s.binds() > 0) {
            o.printf("  %-24s %,14d  (bind %,d)%n", "parse", s.parses(), s.binds());
        }
        row(o, "errors", s.errors());
        row(o, "fatals", s.fatals());
        row(o, "failed items", s.failed());
        row(o, "malformed", s.malformed());
        if (s.invalidUtf8() > 0) {
            row(o, "invalid UTF-8", s.invalidUtf8());
        }
        o.printf("  %-24s %s .. %s%n", "time span", iso(s.firstTimestamp()), iso(s.lastTimestamp()));
        o.printf("  %-24s %.3f s, %.1f MB/s on %d thread%s%n", "parse", s.seconds(), s.mbPerSecond(), s.threads(),
                s.threads() == 1 ? "" : "s");
        o.printf("  %-24s %.3f s, %.1f MB/s (since the JVM started, start-up included)%n", "wall",
                wallSeconds, wallSeconds <= 0 ? 0 : s.bytes() / 1e6 / wallSeconds);
        if (out != null) {
            o.printf("  %-24s %s%n", "replay file", out);
        }
        if (!s.problems().isEmpty()) {
            o.printf("problems (first %d of %d):%n", s.problems().size(), s.malformed() + s.invalidUtf8());
            for (ParseProblem p : s.problems()) {
                o.println("  " + p);
            }
        }
    }

    private static void row(PrintWriter o, String label, long value) {
        o.printf("  %-24s %,14d%n", label, value);
    }

    /** Prints how far a long parse has come, on stderr so stdout stays clean. */
    private record Progress(long size, PrintWriter err) implements LongConsumer {
        @Override
        public void accept(long bytes) {
            err.printf("\rparsed %,d of %,d MB (%d%%)", bytes >> 20, size >> 20, size == 0 ? 100 : bytes * 100 / size);
            if (bytes >= size) {
                err.println();
            }
            err.flush();
        }
    }
}
