package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.StandardWorkload;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The parser against a real capture of the standard workload, in all three formats. */
class LogParserCaptureIT {
    static final StandardWorkload WORKLOAD = StandardWorkload.DEFAULT;
    static CapturedLogs logs;

    @BeforeAll
    static void capture() {
        logs = WORKLOAD.capture();
    }

    static Path file(LogFormat f) {
        return logs.file(f.name().toLowerCase(java.util.Locale.ROOT));
    }

    static List<ReplayItem> parse(Path file, ParserOptions options, ParseSummary[] summary) {
        List<ReplayItem> items = new ArrayList<>();
        summary[0] = new LogParser(options).parse(file, items::add);
        return items;
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void countsEveryKindExactly(LogFormat format) {
        ParseSummary[] s = new ParseSummary[1];
        parse(file(format), ParserOptions.defaults(), s);
        StandardWorkload.Expected e = WORKLOAD.expected();
        ParseSummary got = s[0];
        assertThat(got.problems()).isEmpty();
        assertThat(got.format()).isEqualTo(format);
        assertThat(got.malformed()).isZero();
        assertThat(got.sessions()).as("sessions").isEqualTo(e.sessions());
        assertThat(got.connects()).as("connects").isEqualTo(e.connects());
        assertThat(got.disconnects()).as("disconnects").isEqualTo(e.disconnects());
        assertThat(got.statements()).as("statements").isEqualTo(e.statements());
        assertThat(got.executes()).as("executes").isEqualTo(e.executes());
        assertThat(got.executesNamed()).as("executesNamed").isEqualTo(e.executesNamed());
        assertThat(got.executesUnnamed()).as("executesUnnamed").isEqualTo(e.executesUnnamed());
        assertThat(got.executesWithParameters()).as("executesWithParameters").isEqualTo(e.executesWithParameters());
        assertThat(got.parameters()).as("parameters").isEqualTo(e.parameters());
        assertThat(got.nullParameters()).as("nullParameters").isEqualTo(e.nullParameters());
        assertThat(got.errors()).as("errors").isEqualTo(e.errors());
        assertThat(got.fatals()).as("fatals").isEqualTo(e.fatals());
        assertThat(got.failed()).as("failed").isEqualTo(e.failed());
        assertThat(got.firstTimestamp()).isNotNull();
        assertThat(got.lastTimestamp().compareTo(got.firstTimestamp())).isPositive();
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void knownItemsComeOutByteForByte(LogFormat format) {
        ParseSummary[] s = new ParseSummary[1];
        List<ReplayItem> items = parse(file(format), ParserOptions.defaults(), s);
        for (StandardWorkload.Known k : WORKLOAD.known()) {
            boolean found = items.stream().anyMatch(i -> switch (i) {
                case ReplayItem.Statement st -> k.kind().equals("statement") && st.sql().equals(k.sql())
                        && st.failed() == k.failed();
                case ReplayItem.Execute x -> k.kind().equals("execute") && x.sql().equals(k.sql())
                        && x.statementName().equals(k.statementName()) && x.parameters().equals(k.parameters())
                        && x.failed() == k.failed();
                default -> false;
            });
            assertThat(found).as("%s: %s", format, k).isTrue();
        }
        assertThat(items).filteredOn(i -> i instanceof ReplayItem.Connect c && c.database().equals(StandardWorkload.MISSING_DATABASE))
                .hasSize(1);
        assertThat(items).allSatisfy(i -> assertThat(i.timestamp().zone()).isEqualTo("UTC"));
    }

    @Test
    void theThreeFormatsYieldTheSameItemsPerSession() {
        Map<String, List<ReplayItem>> stderr = bySession(parse(file(LogFormat.STDERR), ParserOptions.defaults(), new ParseSummary[1]));
        Map<String, List<ReplayItem>> csv = bySession(parse(file(LogFormat.CSV), ParserOptions.defaults(), new ParseSummary[1]));
        Map<String, List<ReplayItem>> json = bySession(parse(file(LogFormat.JSON), ParserOptions.defaults(), new ParseSummary[1]));
        assertThat(csv).isEqualTo(stderr);
        assertThat(json).isEqualTo(stderr);
        assertThat(stderr).hasSizeGreaterThan(WORKLOAD.sessions());
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void parallelModeGivesTheSequentialItemsInTheSameOrder(LogFormat format) {
        ParseSummary[] seq = new ParseSummary[1];
        ParseSummary[] par = new ParseSummary[1];
        List<ReplayItem> sequential = parse(file(format), ParserOptions.defaults(), seq);
        // small parts so the capture is cut in many places
        List<ReplayItem> parallel = parse(file(format), ParserOptions.defaults().withThreads(3).withSegmentBytes(4096), par);
        assertThat(par[0].threads()).isEqualTo(3);
        assertThat(parallel).isEqualTo(sequential);
        assertThat(par[0].sessions()).isEqualTo(seq[0].sessions());
        assertThat(par[0].entries()).isEqualTo(seq[0].entries());
        assertThat(par[0].lines()).isEqualTo(seq[0].lines());
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void gzipInputGivesTheSameItems(LogFormat format, @TempDir Path tmp) throws IOException {
        Path gz = tmp.resolve("capture.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(file(format), out);
        }
        List<ReplayItem> plain = parse(file(format), ParserOptions.defaults(), new ParseSummary[1]);
        List<ReplayItem> unzipped = parse(gz, ParserOptions.defaults().withFormat(format), new ParseSummary[1]);
        assertThat(unzipped).isEqualTo(plain);
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void aTinyBufferGivesTheSameItems(LogFormat format) {
        List<ReplayItem> normal = parse(file(format), ParserOptions.defaults(), new ParseSummary[1]);
        List<ReplayItem> tiny = parse(file(format), ParserOptions.defaults().withBufferBytes(64), new ParseSummary[1]);
        assertThat(tiny).isEqualTo(normal);
    }

    @Test
    void theItemStreamPullsTheSameItems() {
        List<ReplayItem> pushed = parse(file(LogFormat.STDERR), ParserOptions.defaults(), new ParseSummary[1]);
        List<ReplayItem> pulled = new ArrayList<>();
        try (ItemStream stream = new LogParser(ParserOptions.defaults()).stream(file(LogFormat.STDERR))) {
            stream.forEachRemaining(pulled::add);
            assertThat(stream.summary().statements()).isEqualTo(WORKLOAD.expected().statements());
        }
        assertThat(pulled).isEqualTo(pushed);
    }

    static Map<String, List<ReplayItem>> bySession(List<ReplayItem> items) {
        Map<String, List<ReplayItem>> m = new LinkedHashMap<>();
        for (ReplayItem i : items) {
            m.computeIfAbsent(i.sessionId(), k -> new ArrayList<>()).add(i);
        }
        return m;
    }
}
