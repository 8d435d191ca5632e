package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.StandardWorkload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input, made from a real capture: each fault is reported with its line (or offset) and counted, and
 * never costs the entries around it.
 */
class BadInputIT {
    static CapturedLogs logs;
    static StandardWorkload.Expected expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void capture() {
        logs = StandardWorkload.DEFAULT.capture();
        expected = StandardWorkload.DEFAULT.expected();
    }

    static byte[] bytes(LogFormat f) throws IOException {
        return Files.readAllBytes(logs.file(f.name().toLowerCase(java.util.Locale.ROOT)));
    }

    ParseSummary parse(byte[] content, LogFormat format, List<ReplayItem> items) throws IOException {
        Path file = Files.createTempFile(tmp, "bad", "." + format.name().toLowerCase(java.util.Locale.ROOT));
        Files.write(file, content);
        return new LogParser(ParserOptions.defaults().withFormat(format)).parse(file, items::add);
    }

    /** Offset of the start of the line after the n-th newline. */
    static int afterLine(byte[] b, int n) {
        int seen = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' && ++seen == n) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("fewer than " + n + " lines");
    }

    /** The line number of the first line (1-based) whose start is at or after offset, for a clean entry start. */
    static int lineAt(byte[] b, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    static byte[] insert(byte[] b, int at, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(what);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    /** The start of an entry near the middle (a line starting with the timestamp's year, or '{'). */
    static int entryStartNearMiddle(byte[] b, LogFormat f) {
        int i = b.length / 2;
        while (true) {
            int nl = indexOf(b, i, (byte) '\n');
            int s = nl + 1;
            if (f == LogFormat.JSON ? b[s] == '{' : b[s] == '2' && b[s + 1] == '0' && b[s + 4] == '-' && entryStart(b, s, f)) {
                return s;
            }
            i = s;
        }
    }

    private static boolean entryStart(byte[] b, int s, LogFormat f) {
        if (f == LogFormat.STDERR) {
            String line = new String(b, s, Math.min(120, b.length - s), StandardCharsets.UTF_8);
            return line.matches("(?s)\\d{4}-\\d\\d-\\d\\d [\\d:.]+ UTC\\|[^|\\n]*\\|[^|\\n]*\\|[0-9a-f]+\\.[0-9a-f]+\\|LOG:  .*");
        }
        // csv: a record start is a line after a line that ended a record; good enough: the line holds ",LOG,00000,"
        String line = new String(b, s, Math.min(400, b.length - s), StandardCharsets.UTF_8);
        return line.matches("(?s)\\d{4}-\\d\\d-\\d\\d [\\d:.]+ UTC,\"postgres\",\"postgres\",\\d+,\"[^\"]+\",[0-9a-f.]+,\\d+,[^\\n]*,LOG,00000,\"statement: [^\"]*\"[^\\n]*\n.*");
    }

    private static int indexOf(byte[] b, int from, byte x) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void aForeignLineIsReportedWithItsLineAndCostsNothingElse(LogFormat format) throws IOException {
        byte[] good = bytes(format);
        int at = entryStartNearMiddle(good, format);
        byte[] bad = insert(good, at, "this line was pasted in by someone\n".getBytes(StandardCharsets.UTF_8));
        List<ReplayItem> goodItems = new ArrayList<>();
        List<ReplayItem> badItems = new ArrayList<>();
        parse(good, format, goodItems);
        ParseSummary s = parse(bad, format, badItems);
        assertThat(s.malformed()).isEqualTo(1);
        assertThat(s.problems()).hasSize(1);
        ParseProblem p = s.problems().getFirst();
        assertThat(p.line()).isEqualTo(lineAt(bad, at));
        assertThat(p.offset()).isEqualTo(at);
        assertThat(p.toString()).contains(":" + lineAt(bad, at) + " (byte " + at + ")");
        assertThat(badItems).isEqualTo(goodItems);
    }

    @Test
    void aPrefixThatDoesNotMatchNamesThePrefixOnEveryLine() throws IOException {
        Path file = tmp.resolve("postgresql.log");
        Files.write(file, bytes(LogFormat.STDERR));
        ParseSummary s = new LogParser(ParserOptions.defaults().withPrefix("%t [%p] ")).parse(file, i -> { });
        assertThat(s.entries()).isZero();
        assertThat(s.malformed()).isPositive();
        assertThat(s.problems().getFirst().toString())
                .contains(file + ":1 (byte 0)").contains("does not start with log_line_prefix '%t [%p] '");
    }

    @Test
    void anUndetectablePrefixShowsTheFirstLines() throws IOException {
        Path file = tmp.resolve("notes.log");
        Files.writeString(file, "dear diary\ntoday the database was slow\n");
        assertThatThrownBy(() -> new LogParser(ParserOptions.defaults()).parse(file, i -> { }))
                .isInstanceOf(LogParseException.class)
                .hasMessageContaining(file + ":1")
                .hasMessageContaining("--prefix")
                .hasMessageContaining("dear diary");
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void anEmptyFileHasNoEntriesAndSaysSo(LogFormat format) throws IOException {
        List<ReplayItem> items = new ArrayList<>();
        ParseSummary s = parse(new byte[0], format, items);
        assertThat(items).isEmpty();
        assertThat(s.entries()).isZero();
        assertThat(s.problems()).singleElement().asString().contains("the file is empty");
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void crlfLineEndsGiveTheSameCounts(LogFormat format) throws IOException {
        byte[] good = bytes(format);
        byte[] crlf = new String(good, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        List<ReplayItem> goodItems = new ArrayList<>();
        List<ReplayItem> crlfItems = new ArrayList<>();
        ParseSummary a = parse(good, format, goodItems);
        ParseSummary b = parse(crlf, format, crlfItems);
        assertThat(b.malformed()).isZero();
        assertThat(b.statements()).isEqualTo(a.statements());
        assertThat(b.executes()).isEqualTo(a.executes());
        assertThat(b.parameters()).isEqualTo(a.parameters());
        assertThat(b.sessions()).isEqualTo(a.sessions());
        if (format == LogFormat.STDERR) {
            assertThat(crlfItems).isEqualTo(goodItems);
        }
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void invalidUtf8IsReadAsReplacementAndReported(LogFormat format) throws IOException {
        byte[] good = bytes(format);
        byte[] marker = "create table pglab_items".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(good, marker) + "create ".length();
        byte[] bad = good.clone();
        bad[at] = (byte) 0xFF; // "create \xFFable"
        List<ReplayItem> items = new ArrayList<>();
        ParseSummary s = parse(bad, format, items);
        assertThat(s.invalidUtf8()).isEqualTo(1);
        assertThat(s.problems()).singleElement().asString().contains("not valid UTF-8").contains(":" + lineAt(bad, at));
        assertThat(s.statements()).isEqualTo(expected.statements());
        assertThat(items).filteredOn(i -> i instanceof ReplayItem.Statement st && st.sql().startsWith("create \uFFFDable"))
                .hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void aTruncatedLastEntryKeepsEverythingBeforeIt(LogFormat format) throws IOException {
        byte[] good = bytes(format);
        // cut in the middle of the last entry's message: "...LOG:  disconnection: session ti"
        byte[] marker = "disconnection: session ti".getBytes(StandardCharsets.UTF_8);
        int lastDisconnection = lastIndexOf(good, marker);
        byte[] cut = java.util.Arrays.copyOf(good, lastDisconnection + marker.length);
        List<ReplayItem> items = new ArrayList<>();
        ParseSummary s = parse(cut, format, items);
        assertThat(s.connects()).isEqualTo(expected.connects());
        assertThat(s.statements()).isEqualTo(expected.statements());
        assertThat(s.executes()).isEqualTo(expected.executes());
        if (format == LogFormat.STDERR) {
            // a line is a line: the cut message still says disconnection, but with no newline it may be cut
            assertThat(s.malformed()).isEqualTo(1);
            assertThat(s.problems()).singleElement().asString().contains("no newline").contains("incomplete")
                    .contains(":" + lineAt(cut, lastLineStart(cut)));
            assertThat(s.disconnects()).isEqualTo(expected.disconnects());
        } else {
            assertThat(s.malformed()).isEqualTo(1);
            assertThat(s.problems()).singleElement().asString().contains("truncated").contains(":" + lineAt(cut, lastLineStart(cut)));
            assertThat(s.disconnects()).isEqualTo(expected.disconnects() - 1);
        }
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void anEntryCutShortInTheMiddleCostsOnlyItself(LogFormat format) throws IOException {
        byte[] good = bytes(format);
        // a "connection received" entry (no item) near the middle, cut after 60 bytes: for csv inside a quoted field
        byte[] marker = "connection received: host=".getBytes(StandardCharsets.UTF_8);
        int hit = indexOf(good, marker, good.length / 2);
        int start = hit;
        while (good[start - 1] != '\n') {
            start--;
        }
        int end = indexOf(good, new byte[] {'\n'}, start);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(good, 0, start + 60);
        out.write(good, end, good.length - end);
        byte[] cut = out.toByteArray();
        List<ReplayItem> goodItems = new ArrayList<>();
        List<ReplayItem> cutItems = new ArrayList<>();
        parse(good, format, goodItems);
        ParseSummary s = parse(cut, format, cutItems);
        assertThat(cutItems).isEqualTo(goodItems);
        // stderr: the cut falls in the prefix; csv: inside a quoted field; json: inside a string
        assertThat(s.malformed()).isEqualTo(1);
        assertThat(s.problems()).singleElement().asString().contains(":" + lineAt(cut, start) + " (byte " + start + ")");
    }

    private static int indexOf(byte[] b, byte[] m, int from) {
        outer:
        for (int i = from; i <= b.length - m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (b[i + j] != m[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastLineStart(byte[] b) {
        for (int i = b.length - 1; i > 0; i--) {
            if (b[i - 1] == '\n') {
                return i;
            }
        }
        return 0;
    }

    private static int indexOf(byte[] b, byte[] m) {
        outer:
        for (int i = 0; i <= b.length - m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (b[i + j] != m[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte[] m) {
        outer:
        for (int i = b.length - m.length; i >= 0; i--) {
            for (int j = 0; j < m.length; j++) {
                if (b[i + j] != m[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
