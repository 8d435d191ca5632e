package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each reader-level bad input of a real capture slice: a problem with its place and what was expected, counted,
 * and the rest read; what cannot go on is one {@link LogParseException} with its place.
 */
class ReaderProblemsTest {
    @TempDir
    Path tmp;

    record Parsed(ParseSummary summary, List<ReplayItem> items) {
    }

    Parsed parse(byte[] content, LogFormat format, boolean parallel) throws IOException {
        Path file = Files.createTempFile(tmp, "log", "." + CapturedSlices.ext(format));
        Files.write(file, content);
        ParserOptions o = CapturedSlices.options(format);
        if (parallel) {
            o = o.withThreads(2).withSegmentBytes(8 << 10);
        }
        List<ReplayItem> items = new ArrayList<>();
        return new Parsed(new LogParser(o).parse(file, items::add), items);
    }

    /** Offset of the n-th entry start (a line beginning with the year, or '{'), and its 1-based line. */
    static int[] entry(byte[] b, int n) {
        int seen = 0;
        int line = 1;
        for (int i = 0; i < b.length; i++) {
            if ((i == 0 || b[i - 1] == '\n') && (b[i] == '{' || startsWith(b, i, "2026-"))) {
                if (++seen == n) {
                    return new int[] {i, line};
                }
            }
            if (b[i] == '\n') {
                line++;
            }
        }
        throw new IllegalArgumentException("fewer than " + n + " entries");
    }

    static boolean startsWith(byte[] b, int at, String s) {
        byte[] p = s.getBytes(StandardCharsets.UTF_8);
        return at + p.length <= b.length && Arrays.equals(b, at, at + p.length, p, 0, p.length);
    }

    static int indexOf(byte[] b, String s, int from) {
        byte[] p = s.getBytes(StandardCharsets.UTF_8);
        for (int i = from; i + p.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + p.length, p, 0, p.length)) {
                return i;
            }
        }
        return -1;
    }

    static byte[] replaceAt(byte[] b, int at, String with) {
        byte[] c = b.clone();
        byte[] w = with.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(w, 0, c, at, w.length);
        return c;
    }

    static byte[] insert(byte[] b, int at, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(what.getBytes(StandardCharsets.UTF_8));
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    static String[] bothModes() {
        return new String[] {"sequential", "parallel"};
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void aBadZoneInOneEntryIsAProblemWithItsLineAndTheRestIsRead(LogFormat format) throws IOException {
        byte[] good = CapturedSlices.of(format);
        int[] at = entry(good, 20);
        byte[] bad = replaceAt(good, indexOf(good, " UTC", at[0]) + 1, "+zz");
        for (boolean parallel : new boolean[] {false, true}) {
            Parsed clean = parse(good, format, parallel);
            Parsed p = parse(bad, format, parallel);
            assertThat(p.summary().malformed()).as("parallel=" + parallel).isEqualTo(clean.summary().malformed() + 1);
            assertThat(p.summary().problems()).anySatisfy(pr -> assertThat(pr.toString())
                    .contains(":" + at[1] + " (byte " + at[0] + ")").contains("+zz").contains("zone"));
            assertThat(p.items().size()).isBetween(clean.items().size() - 1, clean.items().size());
        }
    }

    @Test
    void anImpossibleDateInCsvIsAProblemNotAnInstant() throws IOException {
        byte[] good = CapturedSlices.of(LogFormat.CSV);
        int[] at = entry(good, 30);
        Parsed p = parse(replaceAt(good, at[0], "9999-99-99"), LogFormat.CSV, false);
        assertThat(p.summary().problems()).anySatisfy(pr -> assertThat(pr.toString())
                .contains(":" + at[1] + " ").contains("9999-99-99").contains("a real date"));
        assertThat(p.items()).allSatisfy(i -> assertThat(i.timestamp().epochMicros()).isBetween(1_700_000_000_000_000L,
                1_900_000_000_000_000L));
    }

    @Test
    void aGarbageJsonTimestampIsAProblemNot1970() throws IOException {
        byte[] good = CapturedSlices.of(LogFormat.JSON);
        int[] at = entry(good, 12);
        int ts = indexOf(good, "\"timestamp\":\"", at[0]) + 13;
        Parsed p = parse(replaceAt(good, ts, "garbage-xx"), LogFormat.JSON, false);
        assertThat(p.summary().problems()).anySatisfy(pr -> assertThat(pr.toString())
                .contains(":" + at[1] + " ").contains("garbage-xx").contains("YYYY-MM-DD"));
        assertThat(p.summary().firstTimestamp().epochMicros()).isGreaterThan(1_700_000_000_000_000L);
    }

    @Test
    void outOfRangeTimesAndZonesAreRejected() {
        Timestamps t = new Timestamps();
        for (String bad : List.of("2026-02-30 10:00:00 UTC", "2026-13-01 10:00:00 UTC", "2026-12-02 24:00:00 UTC",
                "2026-12-02 10:61:00 UTC", "2026-12-02 10:00:00 +16", "2026-12-02 10:00:00 +0560",
                "2026-12-02 10:00:00 +zz", "2026-12-02 10:00:00 +1", "2026-1x-02 10:00:00 UTC",
                "2026-12-02 10:00:00.123X")) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            assertThat(t.parse(b, 0, b.length, 'm')).as(bad).isNull();
            assertThat(t.invalid()).as(bad).isNotBlank();
        }
        for (String ok : List.of("2024-02-29 23:59:59.999 UTC", "2026-12-02 10:00:00 +05:30", "2026-12-02 10:00:00 -0800",
                "2026-12-02 10:00:00 CEST", "2026-12-02 10:00:00")) {
            byte[] b = ok.getBytes(StandardCharsets.US_ASCII);
            assertThat(t.parse(b, 0, b.length, 'm')).as(ok).isNotNull();
        }
        byte[] epoch = "17x4.5".getBytes(StandardCharsets.US_ASCII);
        assertThat(t.parse(epoch, 0, epoch.length, 'n')).isNull();
    }

    @Test
    void anOrphanParametersDetailIsAProblemNotDroppedSilently() throws IOException {
        byte[] good = CapturedSlices.of(LogFormat.STDERR);
        int[] at = entry(good, 5);
        String orphan = "2026-12-02 06:47:36.100 UTC|postgres|postgres|aaaa.1|DETAIL:  parameters: $1 = 'lost'\n";
        Parsed p = parse(insert(good, at[0], orphan), LogFormat.STDERR, false);
        assertThat(p.summary().problems()).anySatisfy(pr -> assertThat(pr.toString())
                .contains(":" + at[1] + " ").contains("DETAIL").contains("no execute"));
    }

    @Test
    void aLastLineWithoutNewlineIsReportedAsPossiblyIncomplete() throws IOException {
        byte[] good = CapturedSlices.of(LogFormat.STDERR);
        Parsed p = parse(Arrays.copyOf(good, good.length - 1), LogFormat.STDERR, false);
        assertThat(p.summary().problems()).singleElement().asString().contains("no newline").contains("incomplete");
        assertThat(parse(good, LogFormat.STDERR, false).summary().problems()).isEmpty();
    }

    @Test
    void terminalEscapesOfAnUnknownFileAreNeverEchoedRaw() throws IOException {
        Path f = tmp.resolve("weird.log");
        Files.write(f, "\u001b]0;owned\u0007\u001b[31mnot a log line\n\u001b[2Jsecond\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new LogParser(ParserOptions.defaults()).parse(f, i -> { }))
                .isInstanceOf(LogParseException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b").doesNotContain("\u0007")
                        .contains("\\x1b[31mnot a log line"));
    }

    @Test
    void aDirectoryAndAFifoAreNamedForWhatTheyAre() throws Exception {
        assertThatThrownBy(() -> new LogParser(ParserOptions.defaults()).parse(tmp, i -> { }))
                .isInstanceOf(LogParseException.class).hasMessageContaining("is a directory");
        Path fifo = tmp.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (mk.waitFor() == 0) {
            assertThatThrownBy(() -> new LogParser(ParserOptions.defaults()).parse(fifo, i -> { }))
                    .isInstanceOf(LogParseException.class).hasMessageContaining("FIFO");
        }
        assertThat(LogSource.unreadable(tmp.resolve("absent"))).isEqualTo("no such file");
    }

    @Test
    void aCutGzipKeepsWhatCameBeforeAndSaysItIsCut() throws IOException {
        byte[] good = CapturedSlices.of(LogFormat.STDERR);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(good);
        }
        byte[] whole = gz.toByteArray();
        Path cut = tmp.resolve("cut.log.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length * 6 / 10));
        List<ReplayItem> items = new ArrayList<>();
        ParseSummary s = new LogParser(CapturedSlices.options(LogFormat.STDERR)).parse(cut, items::add);
        assertThat(s.problems()).anySatisfy(p -> assertThat(p.toString()).contains("cut or damaged"));
        assertThat(items).isNotEmpty();

        Path tiny = tmp.resolve("tiny.log.gz");
        Files.write(tiny, Arrays.copyOf(whole, 5));
        assertThatThrownBy(() -> new LogParser(ParserOptions.defaults()).parse(tiny, i -> { }))
                .isInstanceOf(LogParseException.class).hasMessageContaining("gzip");
    }
}
