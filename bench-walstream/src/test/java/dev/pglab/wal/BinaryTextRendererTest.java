package dev.pglab.wal;

import dev.pglab.wal.pgo.PgoImage;
import dev.pglab.wal.pgo.PgoWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Known binary values (hand-built as the send functions write them) and the text PostgreSQL prints for them. */
class BinaryTextRendererTest {
    private final BinaryTextRenderer utc = new BinaryTextRenderer(TextOutputSettings.DEFAULTS);

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private String text(int oid, String hexBytes) {
        return text(utc, oid, hexBytes);
    }

    private static String text(BinaryTextRenderer r, int oid, String hexBytes) {
        return switch (r.render(oid, hex(hexBytes))) {
            case BinaryTextRenderer.Rendered.Text t -> t.text();
            case BinaryTextRenderer.Rendered.Unknown u -> throw new AssertionError("unknown: " + u);
        };
    }

    @Test
    void scalars() {
        assertThat(text(16, "01")).isEqualTo("t");
        assertThat(text(16, "00")).isEqualTo("f");
        assertThat(text(21, "fffe")).isEqualTo("-2");
        assertThat(text(23, "00009c40")).isEqualTo("40000");
        assertThat(text(20, "8000000000000000")).isEqualTo("-9223372036854775808");
        assertThat(text(26, "ffffffff")).isEqualTo("4294967295");
        assertThat(text(25, "68c3a96c6c6f")).isEqualTo("héllo");
        assertThat(text(17, "deadbeef")).isEqualTo("\\xdeadbeef");
        assertThat(text(17, "")).isEqualTo("\\x");
        assertThat(text(2950, "a0eebc999c0b4ef8bb6d6bb9bd380a11")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(text(3802, "01" + HexFormat.of().formatHex("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)))).isEqualTo("{\"a\": 1}");
        assertThat(text(18, "e9")).isEqualTo("\\351");
        assertThat(text(3220, "000000016b374d48")).isEqualTo("1/6B374D48");
        assertThat(text(829, "08002b010203")).isEqualTo("08:00:2b:01:02:03");
        assertThat(text(1562, "0000000a ff c0")).isEqualTo("1111111111");
    }

    @Test
    void floatsAreShortestWithExtraFloatDigitsAndPrintfGWithout() {
        assertThat(text(701, "3ff8000000000000")).isEqualTo("1.5");
        assertThat(text(701, "3fb999999999999a")).isEqualTo("0.1");
        assertThat(text(701, "0000000000000001")).isEqualTo("5e-324"); // Java says 4.9E-324
        assertThat(text(701, "4341c37937e08000")).isEqualTo("1e+16");
        assertThat(text(701, "42d6bcc41e900000")).isEqualTo("100000000000000"); // 1e14: fixed up to exponent 14
        assertThat(text(701, "430c6bf526340000")).isEqualTo("1e+15");
        assertThat(text(701, "7ff8000000000000")).isEqualTo("NaN");
        assertThat(text(701, "fff0000000000000")).isEqualTo("-Infinity");
        assertThat(text(701, "8000000000000000")).isEqualTo("-0");
        assertThat(text(700, "3dcccccd")).isEqualTo("0.1");
        assertThat(text(700, "49742400")).isEqualTo("1e+06");
        assertThat(text(700, "00000001")).isEqualTo("1e-45");
        BinaryTextRenderer legacy = new BinaryTextRenderer(TextOutputSettings.DEFAULTS.withExtraFloatDigits(0));
        assertThat(text(legacy, 701, "3fb999999999999a")).isEqualTo("0.1");
        assertThat(text(legacy, 701, "400921fb54442d18")).isEqualTo("3.14159265358979");
        assertThat(text(legacy, 700, "40490fdb")).isEqualTo("3.14159");
        assertThat(text(legacy, 701, "4341c37937e08000")).isEqualTo("1e+16");
    }

    @Test
    void numerics() {
        // 12345678.1234: ndigits 3, weight 1, sign +, dscale 4, digits 1234 5678 1234
        assertThat(text(1700, "0003 0001 0000 0004 04d2 162e 04d2")).isEqualTo("12345678.1234");
        assertThat(text(1700, "0001 0000 4000 0002 0005")).isEqualTo("-5.00");
        assertThat(text(1700, "0000 0000 0000 0003")).isEqualTo("0.000");
        assertThat(text(1700, "0001 ffff 0000 0004 0001")).isEqualTo("0.0001");
        assertThat(text(1700, "0000 0000 c000 0000")).isEqualTo("NaN");
        assertThat(text(1700, "0000 0000 d000 0000")).isEqualTo("Infinity");
        assertThat(text(1700, "0000 0000 f000 0000")).isEqualTo("-Infinity");
    }

    @Test
    void datesAndTimesFollowTheTimeZone() {
        // 2024-01-02 03:04:05.123456 UTC = 757479845123456 µs after 2000-01-01
        String ts = "0002b0ec8517d580";
        assertThat(text(1184, ts)).isEqualTo("2024-01-02 03:04:05.123456+00");
        assertThat(text(1114, ts)).isEqualTo("2024-01-02 03:04:05.123456");
        BinaryTextRenderer kolkata = new BinaryTextRenderer(TextOutputSettings.DEFAULTS.withTimeZone("Asia/Kolkata"));
        assertThat(text(kolkata, 1184, ts)).isEqualTo("2024-01-02 08:34:05.123456+05:30");
        assertThat(text(1184, "7fffffffffffffff")).isEqualTo("infinity");
        assertThat(text(1082, "80000000")).isEqualTo("-infinity");
        assertThat(text(1082, "00002279")).isEqualTo("2024-02-29");
        assertThat(text(1082, "fff49d7b")).isEqualTo("0044-03-15 BC");
        assertThat(text(1083, "0000000af4215c60")).isEqualTo("13:04:05.5");
        assertThat(text(1083, "000000141dd76000")).isEqualTo("24:00:00");
        // 13:04:05.5 at UTC+05:30 (zone = seconds west)
        assertThat(text(1266, "0000000af4215c60 ffffb2a8")).isEqualTo("13:04:05.5+05:30");
    }

    @Test
    void intervalsInPostgresStyle() {
        assertThat(text(1186, "0000000000000000 00000000 00000000")).isEqualTo("00:00:00");
        // 1 year 2 mons 3 days 04:05:06.5
        assertThat(text(1186, "000000036c9361a0 00000003 0000000e")).isEqualTo("1 year 2 mons 3 days 04:05:06.5");
        // -1 days +01:00:00: is_before makes the time's sign explicit
        assertThat(text(1186, "00000000d693a400 ffffffff 00000000")).isEqualTo("-1 days +01:00:00");
        assertThat(text(1186, "ffffffffffffffff 00000000 00000000")).isEqualTo("-00:00:00.000001");
        assertThat(text(1186, "7fffffffffffffff 7fffffff 7fffffff")).isEqualTo("infinity");
    }

    @Test
    void arraysQuoteLikeArrayOut() {
        // int4[] {1,2,3}: ndim 1, no nulls, element int4, size 3, lower bound 1
        assertThat(text(1007, "00000001 00000000 00000017 00000003 00000001 00000004 00000001 00000004 00000002 00000004 00000003"))
                .isEqualTo("{1,2,3}");
        // text[] {x,"y z",NULL,"NULL",""}
        assertThat(text(1009, "00000001 00000001 00000019 00000005 00000001 00000001 78 00000003 79207a ffffffff 00000004 4e554c4c 00000000"))
                .isEqualTo("{x,\"y z\",NULL,\"NULL\",\"\"}");
        // int4[] [0:1]={7,8} and a 2x1 array {{7},{8}}
        assertThat(text(1007, "00000001 00000000 00000017 00000002 00000000 00000004 00000007 00000004 00000008")).isEqualTo("[0:1]={7,8}");
        assertThat(text(1007, "00000002 00000000 00000017 00000002 00000001 00000001 00000001 00000004 00000007 00000004 00000008"))
                .isEqualTo("{{7},{8}}");
        assertThat(text(1007, "00000000 00000000 00000017")).isEqualTo("{}");
    }

    @Test
    void rangesAndMultiranges() {
        assertThat(text(3904, "01")).isEqualTo("empty");
        // [1,5): lower inclusive
        assertThat(text(3904, "02 00000004 00000001 00000004 00000005")).isEqualTo("[1,5)");
        // (,5): lower infinite
        assertThat(text(3904, "08 00000004 00000005")).isEqualTo("(,5)");
        assertThat(text(3910, "02 00000008 0002b0ec8517d580 00000008 7fffffffffffffff"))
                .isEqualTo("[\"2024-01-02 03:04:05.123456+00\",infinity)");
        assertThat(text(4451, "00000002 00000009 08 00000004 00000005 00000001 01")).isEqualTo("{(,5),empty}");
    }

    @Test
    void compositesEnumsAndDomainsFromTypeMessages() {
        Map<Integer, PgOutputMessage.Type> types = Map.of(
                16400, new PgOutputMessage.Type(0, 16400, "public", "mood"),
                16410, new PgOutputMessage.Type(0, 16410, "", "int4"),       // a domain over int4
                16420, new PgOutputMessage.Type(0, 16420, "public", "pair"));
        BinaryTextRenderer r = new BinaryTextRenderer(TextOutputSettings.DEFAULTS, types::get);
        assertThat(text(r, 16400, "6861707079")).isEqualTo("happy");
        assertThat(text(r, 16410, "0000002a")).isEqualTo("42");
        // (1,"a b",,happy): int4, text, NULL text, the enum by its OID
        assertThat(text(r, 16420, "00000004 00000017 00000004 00000001 00000019 00000003 612062 00000019 ffffffff 00004010 00000005 6861707079"))
                .isEqualTo("(1,\"a b\",,happy)");
    }

    @Test
    void unknownTypesStayHexAndSaySo() {
        // point (600) is built in but not rendered; a user type whose bytes are no enum label, array or composite
        assertThat(utc.render(600, hex("3ff0000000000000 4000000000000000")))
                .isInstanceOfSatisfying(BinaryTextRenderer.Rendered.Unknown.class, u -> {
                    assertThat(u.hex()).isEqualTo("\\x3ff00000000000004000000000000000");
                    assertThat(u.reason()).contains("600");
                });
        assertThat(utc.render(16500, hex("0001"))).isInstanceOf(BinaryTextRenderer.Rendered.Unknown.class);
        // a malformed value of a known type is not guessed at either
        assertThat(utc.render(23, hex("0001"))).isInstanceOfSatisfying(BinaryTextRenderer.Rendered.Unknown.class,
                u -> assertThat(u.reason()).contains("expected 4 bytes"));
    }

    @Test
    void settingsRefuseWhatTheyCannotRender() {
        assertThatThrownBy(() -> TextOutputSettings.of("SQL, DMY", "UTC", 1)).hasMessageContaining("only ISO");
        assertThatThrownBy(() -> TextOutputSettings.of("ISO", "UTC+5", 1)).hasMessageContaining("opposite sign");
        assertThatThrownBy(() -> TextOutputSettings.of("ISO", "Mars/Olympus", 1)).hasMessageContaining("tz database");
        assertThatThrownBy(() -> TextOutputSettings.DEFAULTS.withExtraFloatDigits(4)).hasMessageContaining("-15 to 3");
        assertThat(TextOutputSettings.of("ISO, MDY", "Etc/UTC", 1).timeZone().getId()).isEqualTo("Etc/UTC");
    }

    /** The two real captures of the same typed rows (v1-text, v1-binary) read alike, value for value. */
    @Test
    void binaryCaptureReadsLikeTheTextCapture(@TempDir Path dir) throws Exception {
        List<String> text = typedValues(dir, "v1-text", false);
        List<String> binary = typedValues(dir, "v1-binary", true);
        assertThat(binary).hasSize(36).containsExactlyElementsOf(text);
        assertThat(binary).contains("t", "{1,2,3}", "happy", "2024-02-29 12:34:56.789+00", "12345678.1234", "\\xdeadbeef");
    }

    private static List<String> typedValues(Path dir, String capture, boolean expectBinary) throws Exception {
        Path file = dir.resolve(capture + ".pgo");
        try (InputStream in = BinaryTextRendererTest.class.getResourceAsStream("/pgo/" + capture + ".pgo")) {
            Files.copy(in, file);
        }
        RecordDecoder decoder = new RecordDecoder();
        BinaryTextRenderer r = decoder.textRenderer(TextOutputSettings.DEFAULTS);
        PgoImage image = PgoImage.load(file);
        List<String> out = new ArrayList<>();
        int binaryValues = 0;
        for (int i = 0; i < image.size(); i++) {
            if (decoder.decode(image.buffer(), image.payloadOffset(i), image.length(i)) instanceof PgOutputMessage.Insert ins
                    && ins.relation().name().equals("typed")) {
                for (int c = 0; c < ins.newTuple().size(); c++) {
                    binaryValues += ins.newTuple().get(c) instanceof Value.Binary ? 1 : 0;
                    out.add(r.text(ins.relation(), ins.newTuple(), c));
                }
            }
        }
        assertThat(binaryValues > 0).as("%s has binary values", capture).isEqualTo(expectBinary);
        return out;
    }


    /** Rendering lives on the record path only: the flyweight still walks binary tuples without allocating. */
    @Test
    void theFlyweightPathStillAllocatesNothingOnBinaryTuples() {
        var image = PgoImage.of("narrow_binary", PgoWriter.toBytes(out -> dev.pglab.fixtures.wal.SyntheticWal.write(
                dev.pglab.fixtures.wal.SyntheticWal.Shape.NARROW_BINARY, 4, 1000, 1, out::write)));
        PgOutputDecoder flyweight = new PgOutputDecoder();
        long[] sink = new long[2];
        PgOutputVisitor reader = new PgOutputVisitor() {
            @Override
            public void insert(long xid, PgOutputMessage.Relation relation, TupleView newTuple) {
                sink[0] += newTuple.getLong(0) + newTuple.length(1);
                sink[1] += newTuple.kind(0) == 'b' ? 1 : 0;
            }
        };
        PgoDecoding.visitAll(image, flyweight, reader); // caches the relation, grows the views
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < image.size(); i++) {
            if (image.type(i) != 'R') {
                flyweight.decode(image.buffer(), image.payloadOffset(i), image.length(i), reader);
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(image.size()).isGreaterThan(3000);
        assertThat(allocated).as("bytes allocated decoding %d binary messages", image.size()).isLessThan(1024);
        assertThat(sink[0]).isPositive();
        assertThat(sink[1]).as("binary ('b') id columns seen, two passes").isEqualTo(2 * 4000);
    }
}
