package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever text SQL and parameters hold, it comes back unchanged and is never read as log syntax. */
class ParserPropertiesTest {

    static List<ReplayItem> parse(LogFormat format, String log) {
        List<ReplayItem> items = new ArrayList<>();
        ParseSummary s = new LogParser(ParserOptions.defaults().withFormat(format).withBufferBytes(64))
                .parse("test." + format, new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), items::add, b -> { });
        assertThat(s.problems()).as(log).isEmpty();
        return items;
    }

    @Provide
    Arbitrary<String> nasty() {
        Arbitrary<String> fragments = Arbitraries.of("'", "''", "\"", "\n", "\t", "\n\t", ", ", "$2 = ", "$1 = 'x'",
                "NULL", "LOG:  ", "statement: ", "execute <unnamed>: ", "DETAIL:  ", "\\", "Zürich", "✓", " ",
                "2026-11-25 16:04:36.232 UTC|alice|shop|6b070714.48da|LOG:  ", "{\"a\":1}", "a", "select 1");
        return fragments.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<List<String>> values() {
        return nasty().injectNull(0.15).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300)
    void stderrParametersComeBackUnchanged(@ForAll("values") List<String> values, @ForAll("nasty") String sql) {
        String log = PgLogWriter.stderrLine("LOG", "execute S_1: " + sql)
                + PgLogWriter.stderrLine("DETAIL", PgLogWriter.parameters(values))
                + PgLogWriter.stderrLine("LOG", "statement: select 'next'");
        List<ReplayItem> items = parse(LogFormat.STDERR, log);
        assertThat(items).hasSize(2);
        ReplayItem.Execute x = (ReplayItem.Execute) items.getFirst();
        assertThat(x.sql()).isEqualTo(sql);
        assertThat(x.parameters()).isEqualTo(values);
        assertThat(x.statementName()).isEqualTo("S_1");
        assertThat(((ReplayItem.Statement) items.get(1)).sql()).isEqualTo("select 'next'");
    }

    @Property(tries = 200)
    void csvParametersComeBackUnchanged(@ForAll("values") List<String> values, @ForAll("nasty") String sql) {
        String log = PgLogWriter.csvLine("LOG", "execute <unnamed>: " + sql, PgLogWriter.parameters(values))
                + PgLogWriter.csvLine("LOG", "statement: select 'next'", null);
        List<ReplayItem> items = parse(LogFormat.CSV, log);
        assertThat(items).hasSize(2);
        ReplayItem.Execute x = (ReplayItem.Execute) items.getFirst();
        assertThat(x.sql()).isEqualTo(sql);
        assertThat(x.parameters()).isEqualTo(values);
        assertThat(x.named()).isFalse();
    }

    @Property(tries = 200)
    void jsonParametersComeBackUnchanged(@ForAll("values") List<String> values, @ForAll("nasty") String sql) {
        String log = PgLogWriter.jsonLine("LOG", "execute <unnamed>: " + sql, PgLogWriter.parameters(values))
                + PgLogWriter.jsonLine("LOG", "statement: select 'next'", null);
        List<ReplayItem> items = parse(LogFormat.JSON, log);
        assertThat(items).hasSize(2);
        ReplayItem.Execute x = (ReplayItem.Execute) items.getFirst();
        assertThat(x.sql()).isEqualTo(sql);
        assertThat(x.parameters()).isEqualTo(values);
    }

    @Property(tries = 300)
    void continuationLinesAreTextNotEntries(@ForAll("nasty") String first, @ForAll("nasty") String second) {
        String log = PgLogWriter.stderrLine("LOG", "statement: " + first)
                + PgLogWriter.stderrLine("LOG", "statement: " + second);
        List<ReplayItem> items = parse(LogFormat.STDERR, log);
        assertThat(items).extracting(i -> ((ReplayItem.Statement) i).sql()).containsExactly(first, second);
    }

    @Property(tries = 1000)
    void utf8ValidationAgreesWithTheJdk(@ForAll byte[] bytes, @ForAll("nasty") String text) {
        byte[] mixed = (text + new String(bytes, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] b : List.of(bytes, text.getBytes(StandardCharsets.UTF_8), mixed)) {
            boolean jdk;
            try {
                StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
                jdk = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                jdk = false;
            }
            assertThat(Bytes.isValidUtf8(b, 0, b.length)).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(jdk);
        }
    }

    @Property(tries = 100)
    void theReplayFileGivesBackWhatWasWritten(@ForAll("values") List<String> values, @ForAll("nasty") String sql) throws Exception {
        LogTimestamp ts = new LogTimestamp(1_764_000_000_123_456L, "UTC", 6);
        List<ReplayItem> items = List.of(
                new ReplayItem.Connect("a.1", ts, "alice", "shop"),
                new ReplayItem.Statement("a.1", ts, "alice", "shop", sql, java.util.OptionalDouble.of(1.25), true),
                new ReplayItem.Execute("a.1", new LogTimestamp(ts.epochMicros() - 5, "CET", 3), null, "shop", "S_1", sql,
                        values, java.util.OptionalDouble.empty(), false),
                new ReplayItem.Disconnect("a.1", ts));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ReplayFileWriter w = new ReplayFileWriter(bytes)) {
            items.forEach(w);
            w.finish();
        }
        List<ReplayItem> back = new ArrayList<>();
        try (ReplayFileReader r = new ReplayFileReader("mem", new ByteArrayInputStream(bytes.toByteArray()))) {
            r.forEachRemaining(back::add);
        }
        assertThat(back).isEqualTo(items);
    }
}
