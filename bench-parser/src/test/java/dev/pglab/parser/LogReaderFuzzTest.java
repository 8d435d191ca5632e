package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.fuzz.AllocationMeter;
import dev.pglab.fixtures.fuzz.ByteMutation;
import dev.pglab.fixtures.fuzz.MutationFuzz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Structured mutations of a real capture in each format (src/test/resources/captured), parsed sequentially, with a
 * tiny buffer, in parallel and through the pull stream: every run ends within a time bound, throws nothing but
 * {@link LogParseException}, keeps its counts consistent and allocates in proportion to the input. Inputs that
 * once broke a reader are kept under src/test/resources/fuzz-crashers/logs and parsed on every build.
 */
class LogReaderFuzzTest {
    private static final List<byte[]> TOKENS = ByteMutation.tokens("LOG:  ", "ERROR:  ", "DETAIL:  ",
            "DETAIL:  parameters: $1 = 'x', $2 = NULL\n", "execute S_1: select $1", "execute <unnamed>: ",
            "duration: 1.5 ms", "duration: x ms  statement: ", "statement: ", "parameters: $1 = '",
            "2026-12-02 06:47:36.100 UTC|u|d|s.1|DETAIL:  parameters: $1 = 'q'\n",
            "2026-12-02 06:47:36.100 +zz|u|d|s.1|LOG:  statement: select 1\n", "\"timestamp\":\"garbage\"",
            "{\"timestamp\":\"2026-12-02 06:47:36.1 +zz\",\"error_severity\":\"LOG\",\"message\":\"statement: x\"}\n",
            "\"error_severity\":\"LOG\",", "\"message\":\"", "\\u00", "\\ud800", ",,,,,,,,,,,,,,,,,,,,,,,\n",
            "2026-02-30 25:61:61.999 UTC,", "\"\"\"");
    /** Years 0000 to 9999 written as four digits, in any zone the parser accepts (offsets up to 15:59). */
    private static final long FIRST_REAL_MICROS = (java.time.LocalDateTime.of(0, 1, 1, 0, 0)
            .toEpochSecond(java.time.ZoneOffset.UTC) - 16 * 3600) * 1_000_000L;
    private static final long LAST_REAL_MICROS = (java.time.LocalDateTime.of(9999, 12, 31, 23, 59, 59)
            .toEpochSecond(java.time.ZoneOffset.UTC) + 16 * 3600) * 1_000_000L + 999_999;
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "log-fuzz");
        t.setDaemon(true);
        return t;
    });

    @AfterContainer
    static void stop() {
        RUNNER.shutdownNow();
    }

    @Provide
    Arbitrary<List<ByteMutation>> mutations() {
        return MutationFuzz.mutations(6);
    }

    @Property(tries = 400)
    void anyMutationIsReadOrReportedNeverACrash(@ForAll LogFormat format, @ForAll("mutations") List<ByteMutation> ms,
                                                @ForAll @IntRange(min = 0, max = 3) int mode) throws Exception {
        byte[] input = ByteMutation.applyAll(CapturedSlices.of(format), ms, TOKENS);
        check(input, format, mode, "mutations " + ms);
    }

    @Example
    void aFlippedBitInTheYearIsAnotherRealDate() throws Exception {
        // '2' (0x32) with bit 1 flipped is '0': 2026 becomes 0026, a real date long before 1970 (CI could draw it)
        byte[] log = CapturedSlices.of(LogFormat.STDERR);
        String text = new String(log, java.nio.charset.StandardCharsets.ISO_8859_1);
        int lineStart = text.lastIndexOf('\n', text.indexOf("LOG:  statement:")) + 1;
        byte[] input = ByteMutation.applyAll(log, List.of(new ByteMutation(6, lineStart, 1, 0)), TOKENS);
        for (int mode = 0; mode < 4; mode++) {
            check(input, LogFormat.STDERR, mode, "year 0026");
        }
    }

    @Example
    void everyKeptCrasherIsReadOrReported() throws Exception {
        List<Path> corpus = corpus();
        assertThat(corpus).isNotEmpty();
        for (Path f : corpus) {
            String ext = f.getFileName().toString().replaceFirst(".*\\.", "");
            LogFormat format = LogFormat.valueOf(ext.toUpperCase(Locale.ROOT));
            for (int mode = 0; mode < 4; mode++) {
                check(Files.readAllBytes(f), format, mode, "corpus file " + f.getFileName());
            }
        }
    }

    static List<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(LogReaderFuzzTest.class.getResource("/fuzz-crashers/logs").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** One parse of the bytes in one mode, under a time bound; anything but LogParseException fails it. */
    static void check(byte[] input, LogFormat format, int mode, String what) throws Exception {
        Path file = Files.createTempFile("pglab-fuzz", "." + CapturedSlices.ext(format));
        try {
            Files.write(file, input);
            Future<AllocationMeter.Measured> run = RUNNER.submit(() -> AllocationMeter.measure(() -> parse(file, format, mode)));
            AllocationMeter.Measured m;
            try {
                m = run.get(20, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                run.cancel(true);
                throw new AssertionError(keep(input, format) + ": the parse (mode " + mode + ") did not end within 20 s; " + what);
            }
            if (m.thrown() instanceof AssertionError a) {
                throw new AssertionError(keep(input, format) + ": mode " + mode + ": " + a.getMessage() + "; " + what, a);
            }
            if (m.thrown() != null && !(m.thrown() instanceof LogParseException)) {
                throw new AssertionError(keep(input, format) + ": mode " + mode + " threw an undeclared " + m.thrown()
                        + "; " + what, m.thrown());
            }
            if (mode != 2) { // parallel parts allocate on their own threads
                assertThat(m.allocatedBytes()).as("bytes allocated parsing %d bytes (mode %d); %s", input.length, mode, what)
                        .isLessThan(64L * input.length + (24 << 20));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void parse(Path file, LogFormat format, int mode) {
        ParserOptions o = CapturedSlices.options(format);
        List<ReplayItem> items = new ArrayList<>();
        ParseSummary s;
        switch (mode) {
            case 0 -> s = new LogParser(o).parse(file, items::add);
            case 1 -> s = new LogParser(o.withBufferBytes(64)).parse(file, items::add);
            case 2 -> s = new LogParser(o.withThreads(2).withSegmentBytes(4 << 10)).parse(file, items::add);
            default -> {
                try (ItemStream stream = new LogParser(o).stream(file)) {
                    stream.forEachRemaining(items::add);
                    s = stream.summary();
                }
            }
        }
        assertThat(s.items()).as("items counted = items given").isEqualTo(items.size());
        for (ReplayItem item : items) {
            // validated timestamps: a mutation may make another real date (a flipped bit in the year: 0026 or
            // 3026), never an impossible one, and a failed parse never becomes 1970
            assertThat(item.timestamp().epochMicros()).as("%s", item).isBetween(FIRST_REAL_MICROS, LAST_REAL_MICROS);
            assertThat(item.timestamp()).as("%s", item).isNotEqualTo(new LogTimestamp(0, "", 0));
        }
    }

    /** Writes a failing input under target/ so it can be added to the corpus; returns where. */
    private static String keep(byte[] input, LogFormat format) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-crashers", "logs"));
            Path f = Files.createTempFile(dir, "crasher-", "." + CapturedSlices.ext(format));
            Files.write(f, input);
            return f.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
