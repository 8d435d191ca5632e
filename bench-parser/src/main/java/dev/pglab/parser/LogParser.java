package dev.pglab.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Parses PostgreSQL server logs (stderr with any log_line_prefix, csvlog, jsonlog; plain or gzip) into
 * {@link ReplayItem}s, in log order, streaming with memory bounded by the options, not by the file.
 *
 * <pre>{@code
 * ParseSummary s = new LogParser(ParserOptions.defaults()).parse(path, item -> ...);
 * try (ItemStream items = new LogParser(ParserOptions.defaults()).stream(path)) { ... }
 * }</pre>
 *
 * Bad entries never stop a parse: they are counted and reported with file:line and byte offset in
 * {@link ParseSummary#problems()}. Only input that cannot be a log of the format at all (no detectable prefix)
 * throws {@link LogParseException}.
 */
public final class LogParser {
    /** What the parser reads before it decides the format and prefix. */
    static final int HEAD_BYTES = 64 << 10;

    private final ParserOptions options;

    public LogParser(ParserOptions options) {
        this.options = options;
    }

    public ParserOptions options() {
        return options;
    }

    public ParseSummary parse(Path file, Consumer<ReplayItem> items) {
        return parse(file, items, bytes -> { });
    }

    /** Parses a file; progress gets the bytes read so far (of the uncompressed input) now and then. */
    public ParseSummary parse(Path file, Consumer<ReplayItem> items, LongConsumer progress) {
        String why = LogSource.unreadable(file);
        if (why != null) {
            throw new LogParseException(file.toString(), 0, -1, why);
        }
        try {
            if (options.threads() > 1 && !LogSource.isGzip(file)) {
                return new ParallelParse(this, file).run(items, progress);
            }
            try (InputStream in = LogSource.open(file)) {
                return parse(file.toString(), in, items, progress, LogSource.isGzip(file) ? -1 : size(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The summary {@link #parse(Path, Consumer, LongConsumer)} would give, without building items: SQL text and
     * parameter values are never decoded (only checked for valid UTF-8), nothing is allocated per item. What
     * {@code pglab parse} runs when it writes no replay file.
     */
    public ParseSummary count(Path file, LongConsumer progress) {
        String why = LogSource.unreadable(file);
        if (why != null) {
            throw new LogParseException(file.toString(), 0, -1, why);
        }
        if (options.maxOpen() > CountingAssembler.MAX_OPEN) {
            return parse(file, item -> { }, progress);
        }
        try {
            if (options.threads() > 1 && !LogSource.isGzip(file)) {
                return new ParallelParse(this, file).run(null, progress);
            }
            try (InputStream in = LogSource.open(file)) {
                long started = System.nanoTime();
                Run run = start(file.toString(), in, null, LogSource.isGzip(file) ? -1 : size(file));
                return drive(run, started, progress);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a stream sequentially (gzip must already be undone). */
    public ParseSummary parse(String name, InputStream in, Consumer<ReplayItem> items, LongConsumer progress) {
        return parse(name, in, items, progress, -1);
    }

    /** @param sizeHint the input's size when known (small files then get a small buffer), else -1 */
    ParseSummary parse(String name, InputStream in, Consumer<ReplayItem> items, LongConsumer progress, long sizeHint) {
        long started = System.nanoTime();
        return drive(start(name, in, items, sizeHint), started, progress);
    }

    private static ParseSummary drive(Run run, long started, LongConsumer progress) {
        long reported = 0;
        while (run.step()) {
            long done = run.reader == null ? 0 : run.reader.consumed();
            if (done - reported >= 64 << 20) {
                progress.accept(done);
                reported = done;
            }
        }
        ParseSummary s = run.summary(started, 1);
        progress.accept(s.bytes());
        return s;
    }

    /** A pull-style stream of items for consumers that pace themselves (the replayer). */
    public ItemStream stream(Path file) {
        try {
            InputStream in = LogSource.open(file);
            try {
                ItemStream stream = new ItemStream(in);
                stream.attach(start(file.toString(), in, stream::offer, -1));
                return stream;
            } catch (RuntimeException e) {
                in.close(); // no stream to close it: the head told this is no log
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the head, settles format and prefix, and sets up a sequential run (items null: count only). */
    Run start(String name, InputStream in, Consumer<ReplayItem> items, long sizeHint) {
        int full = Math.max(HEAD_BYTES, options.bufferBytes());
        // a small file needs no bigger buffer than itself (one byte more, to see its end)
        int size = sizeHint >= 0 && sizeHint < full ? (int) Math.max(sizeHint + 1, 64) : full;
        byte[] head = new byte[size];
        int n = 0;
        String cut = null;
        try {
            int want = Math.min(HEAD_BYTES, size);
            for (int r; n < want && (r = in.read(head, n, want - n)) >= 0; ) {
                n += r;
            }
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            // a cut gzip: read what came before, say where it ends
            cut = e.getMessage();
            in = InputStream.nullInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
        Plan plan = plan(name, head, n);
        Run run = new Run(this, name, plan, items);
        if (cut != null) {
            run.counters.malformed++;
            run.problem(new ParseProblem(name, 0, n, "the compressed input ends or breaks here (" + cut
                    + "): the file is cut or damaged; entries before this point were read"));
        }
        if (n > 0) {
            run.reader = new EntryReader(name, in, head, n, EntryFramer.of(plan.format, plan.prefix), run.interpreter,
                    run.counters, Math.min(size, options.bufferBytes()), options.maxEntryBytes(), 0, 1);
        } else {
            run.problem(new ParseProblem(name, 0, 0, "the file is empty: no log entries"));
        }
        return run;
    }

    record Plan(LogFormat format, LinePrefix prefix) {
        String prefixText() {
            return prefix == null ? null : prefix.text();
        }
    }

    Plan plan(String name, byte[] head, int n) {
        LogFormat format = options.format() != null ? options.format()
                : LogFormat.sniff(java.util.Arrays.copyOf(head, Math.min(n, 256)));
        if (format != LogFormat.STDERR) {
            return new Plan(format, null);
        }
        if (options.prefix() != null) {
            return new Plan(format, LinePrefix.compile(options.prefix()));
        }
        if (n == 0) {
            return new Plan(format, LinePrefix.compile(LinePrefix.COMMON.getFirst()));
        }
        return new Plan(format, LinePrefix.detect(name, head, n));
    }

    /**
     * One sequential parse: reader, interpreter, assembler and the counts they keep. Without an item consumer
     * the run counts only ({@link CountingAssembler}).
     */
    static final class Run {
        final String name;
        final Plan plan;
        final ParseCounters counters = new ParseCounters();
        final ItemCounts items = new ItemCounts();
        final List<ParseProblem> problems = new ArrayList<>();
        final EntryInterpreter interpreter;
        final ItemAssembler assembler;
        final CountingAssembler counter;
        final int maxProblems;
        EntryReader reader;
        private boolean finished;

        Run(LogParser parser, String name, Plan plan, Consumer<ReplayItem> out) {
            this.name = name;
            this.plan = plan;
            this.maxProblems = parser.options.maxProblems();
            this.interpreter = new EntryInterpreter(name, plan.format == LogFormat.STDERR ? TextCodec.STDERR
                    : plan.format == LogFormat.CSV ? TextCodec.CSV : TextCodec.JSON, counters);
            this.assembler = out == null ? null : new ItemAssembler(out, this::problem, items, parser.options.maxOpen());
            this.counter = out != null ? null : new CountingAssembler(this::problem, items, parser.options.maxOpen());
        }

        void problem(ParseProblem p) {
            if (problems.size() < maxProblems) {
                problems.add(p);
            }
        }

        /** One buffer's worth; false when done. */
        boolean step() {
            if (finished) {
                return false;
            }
            if (reader != null && reader.step(sink())) {
                return true;
            }
            finishItems();
            finished = true;
            return false;
        }

        EventSink sink() {
            return assembler != null ? assembler : counter;
        }

        void finishItems() {
            if (assembler != null) {
                assembler.finish();
            } else {
                counter.finish();
            }
        }

        long bytes() {
            return reader == null ? 0 : reader.consumed();
        }

        ParseSummary summary(long startedNanos, int threads) {
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            return ParserSummaries.of(name, plan, bytes(), counters, items, problems, seconds, threads);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
