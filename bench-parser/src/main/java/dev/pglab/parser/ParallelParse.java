package dev.pglab.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Parallel mode: the file is cut into parts that start at entry boundaries; worker threads frame and interpret
 * their parts into events (the expensive, byte-heavy work); the calling thread replays those events, part after
 * part, through one assembler, so items come out in exactly the order a sequential parse gives. At most
 * {@code threads + 1} parts are in memory at once. When only counts are asked for, parts record
 * {@link CountingAssembler.Work}s instead of items. With {@link ParserOptions#adaptive()} the number of workers is
 * what {@link FreeCores} says is free, and a busy machine gets a sequential parse.
 */
final class ParallelParse {
    private final LogParser parser;
    private final Path file;
    private final String name;

    ParallelParse(LogParser parser, Path file) {
        this.parser = parser;
        this.file = file;
        this.name = file.toString();
    }

    /** A part's events: items as they are, and small records for the rest. */
    private record Duration(String session, double millis, Object item) {
    }

    private record Failure(String session) {
    }

    private record Step(String session) {
    }

    private record Part(List<Object> events, ParseCounters counters, long bytes) {
    }

    private static final class Recorder implements EventSink {
        final List<Object> events = new ArrayList<>();
        final boolean countOnly;

        Recorder(boolean countOnly) {
            this.countOnly = countOnly;
        }

        private Object keep(ItemView item) {
            return countOnly ? CountingAssembler.Work.of(item) : item.toItem();
        }

        @Override
        public void item(ItemView item) {
            events.add(keep(item));
        }

        @Override
        public void duration(String session, double millis, ItemView withItem) {
            events.add(new Duration(session, millis, withItem == null ? null : keep(withItem)));
        }

        @Override
        public void failure(String session) {
            events.add(new Failure(session));
        }

        @Override
        public void step(String session) {
            events.add(new Step(session));
        }

        @Override
        public void problem(ParseProblem problem) {
            events.add(problem);
        }
    }

    ParseSummary run(Consumer<ReplayItem> items, LongConsumer progress) throws IOException {
        long started = System.nanoTime();
        ParserOptions options = parser.options();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            byte[] head = read(ch, 0, (int) Math.min(size, LogParser.HEAD_BYTES));
            int threads = options.adaptive() ? FreeCores.workers(options.threads()) : options.threads();
            if (size < 2L * options.segmentBytes() || head.length == 0 || threads < 2) {
                try (InputStream in = LogSource.open(file)) {
                    return parser.parse(name, in, items, progress, size);
                }
            }
            LogParser.Plan plan = parser.plan(name, head, head.length);
            List<long[]> parts = split(ch, size, plan, options.segmentBytes());
            LogParser.Run run = new LogParser.Run(parser, name, plan, items);
            boolean countOnly = items == null;
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "pglab-parse");
                t.setDaemon(true);
                return t;
            });
            try {
                ArrayDeque<Future<Part>> inFlight = new ArrayDeque<>();
                int submitted = 0;
                long linesBefore = 0;
                long done = 0;
                long reported = 0;
                for (int p = 0; p < parts.size(); p++) {
                    while (submitted < parts.size() && inFlight.size() <= threads) {
                        long[] range = parts.get(submitted++);
                        inFlight.addLast(pool.submit(() -> parsePart(plan, range[0], range[1], countOnly)));
                    }
                    Part part = await(inFlight.pollFirst());
                    replay(part, run, linesBefore);
                    linesBefore += part.counters.lines;
                    run.counters.merge(part.counters);
                    done += part.bytes;
                    if (done - reported >= 64 << 20) {
                        progress.accept(done);
                        reported = done;
                    }
                }
                run.counters.lines = linesBefore;
                run.finishItems();
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.accept(size);
            return ParserSummaries.of(name, plan, size, run.counters, run.items, run.problems, seconds, threads);
        }
    }

    private static void replay(Part part, LogParser.Run run, long linesBefore) {
        ItemAssembler a = run.assembler;
        CountingAssembler c = run.counter;
        EventSink sink = run.sink();
        for (Object ev : part.events) {
            switch (ev) {
                case ReplayItem item -> a.item(item);
                case CountingAssembler.Work w -> c.item(w);
                case Duration d when d.item instanceof CountingAssembler.Work w -> c.duration(d.session, w);
                case Duration d when c != null -> c.duration(d.session, null);
                case Duration d -> a.duration(d.session, d.millis, (ReplayItem) d.item);
                case Failure f -> sink.failure(f.session);
                case Step s -> sink.step(s.session);
                case ParseProblem p -> sink.problem(new ParseProblem(p.file(), p.line() + linesBefore, p.offset(), p.message()));
                default -> throw new IllegalStateException("unknown event " + ev);
            }
        }
    }

    private Part parsePart(LogParser.Plan plan, long from, long to, boolean countOnly) throws IOException {
        byte[] bytes;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            bytes = read(ch, from, (int) (to - from));
        }
        ParseCounters counters = new ParseCounters();
        TextCodec codec = plan.format() == LogFormat.STDERR ? TextCodec.STDERR
                : plan.format() == LogFormat.CSV ? TextCodec.CSV : TextCodec.JSON;
        EntryInterpreter interpreter = new EntryInterpreter(name, codec, counters);
        EntryReader reader = new EntryReader(name, InputStream.nullInputStream(), bytes, bytes.length,
                EntryFramer.of(plan.format(), plan.prefix()), interpreter, counters, bytes.length,
                parser.options().maxEntryBytes(), from, 1);
        Recorder recorder = new Recorder(countOnly);
        while (reader.step(recorder)) {
            // until the part is done
        }
        return new Part(recorder.events, counters, to - from);
    }

    /** Part boundaries: near every multiple of the part size, the first line where an entry surely starts. */
    private static List<long[]> split(FileChannel ch, long size, LogParser.Plan plan, int partBytes) throws IOException {
        EntryFramer framer = EntryFramer.of(plan.format(), plan.prefix());
        List<Long> starts = new ArrayList<>();
        starts.add(0L);
        int window = Math.min(partBytes, 1 << 20);
        for (long guess = partBytes; guess < size; guess += partBytes) {
            byte[] w = read(ch, guess, (int) Math.min(window, size - guess));
            long start = firstEntryStart(w, framer);
            if (start >= 0 && guess + start > starts.getLast() && guess + start < size) {
                starts.add(guess + start);
            }
        }
        List<long[]> parts = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            parts.add(new long[] {starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : size});
        }
        return parts;
    }

    private static long firstEntryStart(byte[] w, EntryFramer framer) {
        int pos = 0;
        while (true) {
            int nl = Bytes.indexOf(w, pos, w.length, (byte) '\n');
            if (nl < 0 || nl + 1 >= w.length) {
                return -1;
            }
            if (framer.startsEntry(w, nl + 1, w.length)) {
                return nl + 1;
            }
            pos = nl + 1;
        }
    }

    private static byte[] read(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(length);
        while (bb.hasRemaining()) {
            if (ch.read(bb, offset + bb.position()) < 0) {
                break;
            }
        }
        return bb.position() == length ? bb.array() : java.util.Arrays.copyOf(bb.array(), bb.position());
    }

    private static Part await(Future<Part> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing in parallel", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(c);
        }
    }
}
