package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.fuzz.ByteMutation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The counting path ({@link LogParser#count}) against the item path ({@link LogParser#parse}): on real capture
 * slices and any mutation of them, sequential and parallel, with a tiny buffer and a tiny bound on waiting items,
 * the two summaries agree on every count, timestamp and problem.
 */
class CountingPathTest {
    private static final List<byte[]> TOKENS = ByteMutation.tokens("LOG:  ", "ERROR:  ", "DETAIL:  ",
            "DETAIL:  parameters: $1 = 'x', $2 = NULL\n", "execute S_1: select $1", "execute <unnamed>: ",
            "duration: 1.5 ms", "duration: 2 ms  statement: ", "duration: 3 ms  execute S_1: select $1",
            "statement: ", "parameters: $1 = '", "\u00e9", "\u00ff\u00fe", "disconnection: ", "\n");

    @Provide
    Arbitrary<List<ByteMutation>> mutations() {
        Arbitrary<ByteMutation> one = Combinators.combine(Arbitraries.integers().between(0, ByteMutation.KINDS - 1),
                Arbitraries.integers(), Arbitraries.integers().between(0, 200), Arbitraries.integers())
                .as(ByteMutation::new);
        return one.list().ofMinSize(0).ofMaxSize(6);
    }

    @Example
    void unmutatedSlicesCountAsTheyParse() throws IOException {
        for (LogFormat f : LogFormat.values()) {
            check(CapturedSlices.of(f), f, CapturedSlices.options(f));
        }
    }

    @Property(tries = 150)
    void anyMutationCountsAsItParses(@ForAll LogFormat format, @ForAll("mutations") List<ByteMutation> ms,
                                     @ForAll @IntRange(min = 0, max = 3) int mode) throws IOException {
        ParserOptions o = CapturedSlices.options(format);
        o = switch (mode) {
            case 0 -> o;
            case 1 -> o.withBufferBytes(64);
            case 2 -> o.withThreads(2).withSegmentBytes(4 << 10);
            default -> new ParserOptions(o.format(), o.prefix(), 1, o.bufferBytes(), o.maxEntryBytes(),
                    o.segmentBytes(), 3, o.maxProblems(), false); // the bound on waiting items decides outcomes
        };
        check(ByteMutation.applyAll(CapturedSlices.of(format), ms, TOKENS), format, o);
    }

    /**
     * Interleaved sessions whose outcomes (an ERROR, a duration, the same statement again with its duration)
     * arrive after more than {@code maxOpen} other items: which item they still reach depends on the bound, so
     * both paths must apply it alike.
     */
    @Property(tries = 300)
    void interleavedSessionsCountAsTheyParseUnderAnyBound(
            @ForAll("events") List<Integer> events, @ForAll @IntRange(min = 1, max = 8) int maxOpen) throws IOException {
        StringBuilder log = new StringBuilder();
        int ms = 0;
        for (int ev : events) {
            String line = "2026-12-02 06:47:%02d.%03d UTC|u|d|s.%d|".formatted(10 + ms / 1000, ms % 1000, ev % 4);
            ms += 7;
            int sql = ev / 4 % 3;
            log.append(line).append(switch (ev / 12 % 9) {
                case 0 -> "LOG:  statement: select " + sql;
                case 1 -> "LOG:  execute S_" + sql + ": select $1\n" + line + "DETAIL:  parameters: $1 = 'x'";
                case 2 -> "LOG:  execute <unnamed>: select " + sql;
                case 3 -> "LOG:  duration: 1.5 ms";
                case 4 -> "LOG:  duration: 2.0 ms  statement: select " + sql;
                case 5 -> "LOG:  duration: 2.5 ms  execute S_" + sql + ": select $1";
                case 6 -> "ERROR:  boom";
                case 7 -> "LOG:  connection authorized: user=u database=d";
                default -> "LOG:  disconnection: session time: 0:00:01.000 user=u database=d host=h";
            }).append('\n');
        }
        ParserOptions o = ParserOptions.defaults().withFormat(LogFormat.STDERR).withPrefix(CapturedSlices.PREFIX);
        check(log.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), LogFormat.STDERR,
                new ParserOptions(o.format(), o.prefix(), 1, o.bufferBytes(), o.maxEntryBytes(), o.segmentBytes(),
                        maxOpen, o.maxProblems(), false));
    }

    /**
     * Long waits: many sessions open at once and an outcome arriving thousands of items later, so the counting
     * path's ring of open items grows while items are open, with and without the bound cutting in.
     */
    @Example
    void longWaitsCountAsTheyParse() throws IOException {
        StringBuilder log = new StringBuilder();
        int[] ms = {0};
        java.util.function.BiConsumer<Integer, String> line = (session, text) -> {
            log.append("2026-12-02 06:%02d:%02d.%03d UTC|u|d|s.%d|".formatted(ms[0] / 60000 % 60, ms[0] / 1000 % 60,
                    ms[0] % 1000, session)).append(text).append('\n');
            ms[0] += 3;
        };
        for (int k = 0; k < 1500; k++) {
            line.accept(k, "LOG:  statement: select " + k);
        }
        for (int k = 0; k < 3000; k++) {
            line.accept(2000 + k % 3, "LOG:  statement: select 1");
        }
        for (int k = 0; k < 1500; k += 2) {
            line.accept(k, k % 4 == 0 ? "ERROR:  boom" : "LOG:  duration: 1.0 ms");
        }
        byte[] input = log.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ParserOptions o = ParserOptions.defaults().withFormat(LogFormat.STDERR).withPrefix(CapturedSlices.PREFIX);
        for (int maxOpen : new int[] {1000, 1600, 4000, 100_000}) {
            check(input, LogFormat.STDERR, new ParserOptions(o.format(), o.prefix(), 1, o.bufferBytes(),
                    o.maxEntryBytes(), o.segmentBytes(), maxOpen, o.maxProblems(), false));
        }
    }

    @Provide
    Arbitrary<List<Integer>> events() {
        return Arbitraries.integers().between(0, 4 * 3 * 9 - 1).list().ofMinSize(1).ofMaxSize(60);
    }

    private static void check(byte[] input, LogFormat format, ParserOptions o) throws IOException {
        Path file = Files.createTempFile("pglab-count", "." + CapturedSlices.ext(format));
        try {
            Files.write(file, input);
            ParseSummary parsed;
            try {
                parsed = new LogParser(o).parse(file, item -> { });
            } catch (LogParseException e) {
                return; // no log at all: nothing to compare
            }
            ParseSummary counted = new LogParser(o).count(file, b -> { });
            assertThat(withoutTime(counted)).isEqualTo(withoutTime(parsed));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static ParseSummary withoutTime(ParseSummary s) {
        return new ParseSummary(s.file(), s.format(), s.prefix(), s.bytes(), s.entries(), s.sessions(), s.connects(),
                s.disconnects(), s.statements(), s.executes(), s.executesNamed(), s.executesUnnamed(),
                s.executesWithParameters(), s.parameters(), s.nullParameters(), s.parses(), s.binds(), s.errors(),
                s.fatals(), s.failed(), s.malformed(), s.invalidUtf8(), s.lines(), s.firstTimestamp(),
                s.lastTimestamp(), 0, s.threads(), s.problems());
    }
}
