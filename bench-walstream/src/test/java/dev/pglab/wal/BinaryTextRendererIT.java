package dev.pglab.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For every type the renderer supports: random values inserted into a live server, decoded from the same
 * pgoutput changes in binary (rendered) and in text (the server's output functions under the same session
 * settings), must read identically, and must really have come as binary values.
 */
class BinaryTextRendererIT {
    private static final int TRIES = 8;
    private static TextVsBinaryStream live;

    @BeforeContainer
    static void start() throws SQLException {
        live = new TextVsBinaryStream(
                "CREATE TYPE mood AS ENUM ('sad', 'ok', 'very happy', 'NULL', 'a\"quote', 'back\\slash', 'ünï,cödé', '{brace}', '(paren)')",
                "CREATE DOMAIN posint AS int4 CHECK (VALUE > 0)",
                "CREATE DOMAIN mood_d AS mood",
                "CREATE DOMAIN tags AS text[]",
                "CREATE TYPE pair AS (a int4, b text, c mood, d numeric[], e timestamptz)",
                "CREATE TYPE outer_pair AS (p pair, note text)");
    }

    @AfterContainer
    static void stop() throws SQLException {
        if (live != null) {
            live.close();
        }
    }

    // ---------------------------------------------------------------------------------------------- values

    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
            "Australia/Lord_Howe", "America/St_Johns", "Pacific/Chatham", "Africa/Monrovia");

    private static Arbitrary<TextOutputSettings> settings() {
        return Combinators.combine(Arbitraries.of(ZONES), Arbitraries.of(-15, -4, 0, 1, 2, 3))
                .as((z, efd) -> TextOutputSettings.DEFAULTS.withTimeZone(z).withExtraFloatDigits(efd));
    }

    private static Arbitrary<String> text() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').withChars('\t', '\n', '\r')
                .ofMaxLength(12);
        Arbitrary<String> tricky = Arbitraries.of("", " ", "NULL", "null", "a b", "\"", "\\", "{x}", "(y)", "[z]",
                "a,b", "semi;colon", "ünïcödé ☃", "日本語", "x\ty", "trailing ");
        Arbitrary<String> unicode = Arbitraries.strings().withCharRange('\u00a0', '\u2fff').ofMaxLength(6);
        return Arbitraries.oneOf(ascii, tricky, unicode);
    }

    private static final long MIN_TS = LocalDateTime.of(-4000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long MAX_TS = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    private static Arbitrary<Long> epochMicros() {
        Arbitrary<Long> wide = Arbitraries.longs().between(MIN_TS, MAX_TS).map(s -> s * 1_000_000L);
        Arbitrary<Long> modern = Arbitraries.longs().between(
                LocalDateTime.of(1890, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
                LocalDateTime.of(2100, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC)).map(s -> s * 1_000_000L);
        Arbitrary<Long> fraction = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(0, 999_999),
                Arbitraries.of(500_000L, 120_000L, 1L));
        return Combinators.combine(Arbitraries.oneOf(wide, modern, modern), fraction).as(Long::sum);
    }

    private static String timestampLiteral(long epochMicros) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), 0, ZoneOffset.UTC);
        long frac = Math.floorMod(epochMicros, 1_000_000L);
        int y = t.getYear();
        return String.format("%04d-%02d-%02d %02d:%02d:%02d.%06d%s", y > 0 ? y : 1 - y, t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), frac, y > 0 ? "" : " BC");
    }

    private static String dateLiteral(long epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        int y = d.getYear();
        return String.format("%04d-%02d-%02d%s", y > 0 ? y : 1 - y, d.getMonthValue(), d.getDayOfMonth(), y > 0 ? "" : " BC");
    }

    private static Arbitrary<String> infinities(Arbitrary<String> values) {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(10, values),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("infinity", "-infinity")));
    }

    private static Arbitrary<Long> epochDays() {
        return epochMicros().map(m -> Math.floorDiv(m, 86_400_000_000L));
    }

    private static Arbitrary<BigDecimal> decimals() {
        Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(Arbitraries.bigIntegers().between(
                BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)), Arbitraries.bigIntegers().between(
                BigInteger.valueOf(-1000), BigInteger.valueOf(1000)));
        return Combinators.combine(unscaled, Arbitraries.integers().between(-12, 24)).as(BigDecimal::new);
    }

    private static String quoteElement(String v) {
        return v == null ? "NULL" : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Array literals of any shape: 1-D (sometimes with a lower bound other than 1), 2-D, empty; NULL elements. */
    private static Arbitrary<String> arrays(Arbitrary<String> elements) {
        Arbitrary<String> element = elements.injectNull(0.15);
        Arbitrary<String> oneDim = element.list().ofMaxSize(6).map(l -> "{" + String.join(",", l.stream().map(BinaryTextRendererIT::quoteElement).toList()) + "}");
        Arbitrary<String> bounded = Combinators.combine(Arbitraries.integers().between(-3, 5), element.list().ofMinSize(1).ofMaxSize(4))
                .as((lb, l) -> "[" + lb + ":" + (lb + l.size() - 1) + "]={" + String.join(",", l.stream().map(BinaryTextRendererIT::quoteElement).toList()) + "}");
        Arbitrary<String> twoDim = Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
                element.list().ofSize(9)).as((r, c, l) -> {
                    List<String> rows = new ArrayList<>();
                    for (int i = 0; i < r; i++) {
                        rows.add("{" + String.join(",", l.subList(i * c, i * c + c).stream().map(BinaryTextRendererIT::quoteElement).toList()) + "}");
                    }
                    return "{" + String.join(",", rows) + "}";
                });
        return Arbitraries.oneOf(oneDim, oneDim, bounded, twoDim);
    }

    /** Range literals from ordered pairs: both bound kinds, infinite bounds, empty. */
    private static <T extends Comparable<T>> Arbitrary<String> ranges(Arbitrary<T> bounds, java.util.function.Function<T, String> literal) {
        return Combinators.combine(bounds, bounds, Arbitraries.of("[]", "[)", "(]", "()"), Arbitraries.integers().between(0, 9))
                .as((a, b, brackets, shape) -> {
                    T lo = a.compareTo(b) <= 0 ? a : b;
                    T hi = a.compareTo(b) <= 0 ? b : a;
                    String l = shape == 1 ? "" : "\"" + literal.apply(lo) + "\"";
                    String u = shape == 2 ? "" : "\"" + literal.apply(hi) + "\"";
                    return shape == 3 ? "empty" : brackets.charAt(0) + l + "," + u + brackets.charAt(1);
                });
    }

    // ---------------------------------------------------------------------------------------------- check

    private static void check(String sqlType, String expression, List<String> literals, TextOutputSettings settings)
            throws SQLException {
        TextVsBinaryStream.Decoded d = live.roundTrip(sqlType, expression, literals, settings);
        assertThat(d.text()).as("text-mode values of %s", sqlType).hasSize(literals.size());
        assertThat(d.unknown()).as("binary values of %s the renderer did not know", sqlType).isEmpty();
        assertThat(d.binary()).as("%s: binary rendered vs text output (%s, literals %s)", sqlType, settings, literals)
                .containsExactlyElementsOf(d.text());
        long nonNull = literals.stream().filter(java.util.Objects::nonNull).count();
        assertThat(d.binaryValues()).as("values of %s sent in binary", sqlType).isEqualTo((int) nonNull);
    }

    private static void check(String sqlType, List<String> literals, TextOutputSettings settings) throws SQLException {
        check(sqlType, "?::" + sqlType, literals, settings);
    }

    private static void check(String sqlType, List<String> literals) throws SQLException {
        check(sqlType, literals, TextOutputSettings.DEFAULTS);
    }

    // ---------------------------------------------------------------------------------------------- scalars

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void bool(@ForAll("bools") List<String> v) throws SQLException {
        check("bool", v);
    }

    @Provide
    Arbitrary<List<String>> bools() {
        return Arbitraries.of("true", "false").injectNull(0.2).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void integers(@ForAll("ints") List<Long> v) throws SQLException {
        check("int2", v.stream().map(x -> Short.toString((short) (long) x)).toList());
        check("int4", v.stream().map(x -> Integer.toString((int) (long) x)).toList());
        check("int8", v.stream().map(x -> Long.toString(x)).toList());
        check("oid", v.stream().map(x -> Long.toString(x & 0xffffffffL)).toList());
        check("posint", "?::posint", v.stream().map(x -> Integer.toString(1 + (int) ((x & 0x7fffffffL) % Integer.MAX_VALUE))).toList(), TextOutputSettings.DEFAULTS);
    }

    @Provide
    Arbitrary<List<Long>> ints() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-300, 300),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L)).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void floats(@ForAll("doubleBits") List<Long> bits, @ForAll("settingsArb") TextOutputSettings s) throws SQLException {
        check("float8", bits.stream().map(b -> Double.toString(Double.longBitsToDouble(b))).toList(), s);
        check("float4", bits.stream().map(b -> Float.toString(Float.intBitsToFloat((int) (long) b))).toList(), s);
    }

    @Provide
    Arbitrary<List<Long>> doubleBits() {
        Arbitrary<Long> nice = Arbitraries.doubles().between(-1e6, 1e6).ofScale(3).map(Double::doubleToLongBits);
        Arbitrary<Long> floatNice = Arbitraries.floats().between(-1e4f, 1e4f).ofScale(2).map(f -> (long) Float.floatToIntBits(f));
        Arbitrary<Long> special = Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, Double.MAX_VALUE, 1e15, 1e16, 123456789012345678.0, 0.0001, 0.00001, 1e-5, 5e-324, 100.0, 1e22)
                .map(Double::doubleToRawLongBits);
        Arbitrary<Long> specialF = Arbitraries.of(Float.MIN_VALUE, Float.MAX_VALUE, 1e5f, 1e6f, 123456.7f, 1e-45f, 3.4e38f)
                .map(f -> (long) Float.floatToRawIntBits(f));
        Arbitrary<Long> random = Arbitraries.longs().filter(b -> !Double.isNaN(Double.longBitsToDouble(b))
                && !Float.isNaN(Float.intBitsToFloat((int) (long) b)));
        return Arbitraries.oneOf(random, random, nice, floatNice, special, specialF).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<TextOutputSettings> settingsArb() {
        return settings();
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void numeric(@ForAll("numerics") List<String> v) throws SQLException {
        check("numeric", v);
    }

    @Provide
    Arbitrary<List<String>> numerics() {
        return Arbitraries.oneOf(decimals().map(BigDecimal::toPlainString), decimals().map(BigDecimal::toPlainString),
                Arbitraries.of("NaN", "Infinity", "-Infinity", "0", "0.000", "-0.5", "10000", "0.0001", "1e-20")).injectNull(0.1)
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void textLike(@ForAll("texts") List<String> v) throws SQLException {
        check("text", v);
        check("varchar(20)", "?::varchar(20)", v, TextOutputSettings.DEFAULTS);
        check("char(7)", "?::char(7)", v, TextOutputSettings.DEFAULTS);
        check("name", v);
        check("json", v.stream().map(s -> s == null ? null : "{\"k\": " + jsonString(s) + ", \"n\" : [1, 2.50, true,null]}").toList(), TextOutputSettings.DEFAULTS);
        check("jsonb", v.stream().map(s -> s == null ? null : "{\"k\": " + jsonString(s) + ", \"n\" : [1, 2.50, {\"b\":false}],\"a\":1e3}").toList(), TextOutputSettings.DEFAULTS);
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    @Provide
    Arbitrary<List<String>> texts() {
        return text().injectNull(0.1).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void charByteaUuid(@ForAll("bytes") List<byte[]> v) throws SQLException {
        check("bytea", v.stream().map(b -> "\\x" + HexFormat.of().formatHex(b)).toList());
        check("\"char\"", "?::\"char\"", v.stream().map(b -> {
            int c = b.length == 0 ? 0 : b[0] & 0xff;
            return c == 0 ? "" : c >= 128 || c == '\\' ? String.format("\\%03o", c) : String.valueOf((char) c);
        }).toList(), TextOutputSettings.DEFAULTS);
        check("uuid", v.stream().map(b -> UUID.nameUUIDFromBytes(b).toString().toUpperCase()).toList());
        check("macaddr", v.stream().map(b -> {
            byte[] m = java.util.Arrays.copyOf(b, 6);
            return HexFormat.ofDelimiter(":").formatHex(m);
        }).toList());
        check("varbit", v.stream().map(b -> bitString(b, b.length * 8 - (b.length > 0 ? b[0] & 7 : 0))).toList());
        check("bit(7)", "?::bit(7)", v.stream().map(b -> bitString(java.util.Arrays.copyOf(b, 1), 7)).toList(), TextOutputSettings.DEFAULTS);
        check("pg_lsn", v.stream().map(b -> {
            long l = java.nio.ByteBuffer.wrap(java.util.Arrays.copyOf(b, 8)).getLong();
            return Long.toHexString(l >>> 32) + "/" + Long.toHexString(l & 0xffffffffL);
        }).toList());
    }

    private static String bitString(byte[] b, int nbits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nbits; i++) {
            sb.append((b[i / 8] >> (7 - i % 8) & 1) == 0 ? '0' : '1');
        }
        return sb.toString();
    }

    @Provide
    Arbitrary<List<byte[]>> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(12).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void network(@ForAll("addresses") List<String> v) throws SQLException {
        check("inet", v);
        check("cidr", "network(?::inet)", v, TextOutputSettings.DEFAULTS);
    }

    @Provide
    Arbitrary<List<String>> addresses() {
        Arbitrary<String> v4 = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(4), Arbitraries.integers().between(0, 32))
                .as((b, bits) -> (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff) + "/" + bits);
        Arbitrary<Integer> word = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.just(0), Arbitraries.integers().between(0, 0xffff));
        Arbitrary<String> v6 = Combinators.combine(word.list().ofSize(8), Arbitraries.integers().between(0, 128),
                Arbitraries.integers().between(0, 3)).as((w, bits, shape) -> {
                    List<Integer> words = new ArrayList<>(w);
                    if (shape == 1) { // IPv4-mapped
                        for (int i = 0; i < 5; i++) {
                            words.set(i, 0);
                        }
                        words.set(5, 0xffff);
                    } else if (shape == 2) { // IPv4-compatible
                        for (int i = 0; i < 6; i++) {
                            words.set(i, 0);
                        }
                    }
                    return String.join(":", words.stream().map(Integer::toHexString).toList()) + "/" + bits;
                });
        return Arbitraries.oneOf(v4, v6, Arbitraries.of("::/0", "::1", "::", "1::", "10.0.0.1", "::ffff:1.2.3.4"))
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void datesAndTimes(@ForAll("micros") List<Long> v, @ForAll("settingsArb") TextOutputSettings s,
                       @ForAll("zoneOffsets") List<Integer> zones) throws SQLException {
        check("timestamptz", v.stream().map(m -> timestampLiteral(m) + "+00").toList(), s);
        check("timestamp", v.stream().map(BinaryTextRendererIT::timestampLiteral).toList(), s);
        check("date", v.stream().map(m -> dateLiteral(Math.floorDiv(m, 86_400_000_000L))).toList(), s);
        List<String> times = new ArrayList<>();
        List<String> timetzs = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            long tod = Math.floorMod(v.get(i), 86_400_000_000L);
            String t = i == 0 && v.size() > 3 ? "24:00:00" : timestampLiteral(tod).substring(11);
            times.add(t);
            int z = zones.get(i % zones.size());
            int a = Math.abs(z);
            timetzs.add(t + (z < 0 ? "-" : "+") + String.format("%02d:%02d:%02d", a / 3600, a / 60 % 60, a % 60));
        }
        check("time", times, s);
        check("timetz", timetzs, s);
    }

    @Provide
    Arbitrary<List<Long>> micros() {
        return epochMicros().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Integer>> zoneOffsets() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-15 * 3600, 15 * 3600),
                Arbitraries.of(0, 3600, -18000, 19800, 20700, -12600)).list().ofMinSize(1).ofMaxSize(4);
    }

    @Example
    void infiniteDatesAndTimestamps() throws SQLException {
        List<String> inf = java.util.Arrays.asList("infinity", "-infinity", null);
        for (String type : List.of("date", "timestamp", "timestamptz", "interval")) {
            check(type, inf);
        }
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void interval(@ForAll("intervals") List<String> v) throws SQLException {
        check("interval", v);
    }

    @Provide
    Arbitrary<List<String>> intervals() {
        Arbitrary<Integer> months = Arbitraries.oneOf(Arbitraries.integers().between(-30, 30), Arbitraries.integers().between(-2_000_000, 2_000_000), Arbitraries.just(0));
        Arbitrary<Integer> days = Arbitraries.oneOf(Arbitraries.integers().between(-40, 40), Arbitraries.integers().between(-1_000_000, 1_000_000), Arbitraries.just(0));
        Arbitrary<Long> micros = Arbitraries.oneOf(Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L),
                Arbitraries.longs().between(-9_000_000_000_000_000L, 9_000_000_000_000_000L), Arbitraries.just(0L), Arbitraries.of(1L, -1L, 500_000L));
        return Combinators.combine(months, days, micros).as((m, d, us) -> m + " mons " + d + " days " + us + " microseconds")
                .list().ofMinSize(1).ofMaxSize(8);
    }

    // ---------------------------------------------------------------------------------------------- containers

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void arrays(@ForAll("int4Arrays") List<String> ints, @ForAll("textArrays") List<String> texts,
                @ForAll("settingsArb") TextOutputSettings s) throws SQLException {
        check("int4[]", ints, s);
        check("text[]", texts, s);
        check("tags", "?::tags", texts, s);
    }

    @Provide
    Arbitrary<List<String>> int4Arrays() {
        return arrays(Arbitraries.integers().map(String::valueOf)).injectNull(0.1).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> textArrays() {
        return arrays(text()).injectNull(0.1).list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void arraysOfEveryScalar(@ForAll("micros") List<Long> m, @ForAll("settingsArb") TextOutputSettings s,
                             @ForAll("bytes") List<byte[]> b) throws SQLException {
        check("timestamptz[]", List.of(arrayOf(m.stream().map(x -> timestampLiteral(x) + "+00").toList())), s);
        check("date[]", List.of(arrayOf(m.stream().map(x -> dateLiteral(Math.floorDiv(x, 86_400_000_000L))).toList())), s);
        check("float8[]", List.of(arrayOf(m.stream().map(x -> Double.toString(Double.longBitsToDouble(x * 7919))).toList())), s);
        check("numeric[]", List.of(arrayOf(m.stream().map(x -> BigDecimal.valueOf(x, 6).toPlainString()).toList()), "{NaN,Infinity}"), s);
        check("bytea[]", List.of(arrayOf(b.stream().map(x -> "\\x" + HexFormat.of().formatHex(x)).toList())), s);
        check("bool[]", List.of("{t,f,NULL}", "{}", "{{t},{f}}"), s);
        check("uuid[]", List.of(arrayOf(b.stream().map(x -> UUID.nameUUIDFromBytes(x).toString()).toList())), s);
        check("jsonb[]", List.of("{\"{\\\"a\\\": [1, \\\"x y\\\"]}\",NULL,\"\\\"s\\\"\"}"), s);
        check("interval[]", List.of("{\"1 day\",\"-2 mons 3 days -00:00:01\",NULL}"), s);
        check("inet[]", List.of("{10.0.0.1/8,::1,NULL}"), s);
        check("int4range[]", List.of("{\"[1,3)\",empty,\"(,5]\"}"), s);
    }

    private static String arrayOf(List<String> elements) {
        return "{" + String.join(",", elements.stream().map(BinaryTextRendererIT::quoteElement).toList()) + "}";
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void ranges(@ForAll("int4Ranges") List<String> i4, @ForAll("int8Ranges") List<String> i8,
                @ForAll("numRanges") List<String> num, @ForAll("dateRanges") List<String> dates,
                @ForAll("tsRanges") List<String> ts, @ForAll("settingsArb") TextOutputSettings s) throws SQLException {
        check("int4range", i4, s);
        check("int8range", i8, s);
        check("numrange", num, s);
        check("daterange", dates, s);
        check("tsrange", ts, s);
        check("tstzrange", ts.stream().map(r -> r.replace("\",", "+00\",").replace("\"]", "+00\"]").replace("\")", "+00\")")).toList(), s);
        check("int4multirange", List.of("{" + String.join(",", i4) + "}", "{}"), s);
        check("tstzmultirange", List.of("{" + String.join(",", ts) + "}"), s);
    }

    @Provide
    Arbitrary<List<String>> int4Ranges() {
        return ranges(Arbitraries.integers().between(-1000, 1000), String::valueOf).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> int8Ranges() {
        return ranges(Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE - 1), String::valueOf).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> numRanges() {
        return ranges(decimals(), BigDecimal::toPlainString).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> dateRanges() {
        return ranges(epochDays(), BinaryTextRendererIT::dateLiteral).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> tsRanges() {
        return ranges(epochMicros(), BinaryTextRendererIT::timestampLiteral).list().ofMinSize(1).ofMaxSize(5);
    }

    // ---------------------------------------------------------------------------------------------- user types

    private static final List<String> MOODS = List.of("sad", "ok", "very happy", "NULL", "a\"quote", "back\\slash",
            "ünï,cödé", "{brace}", "(paren)");

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void enumsDomainsAndComposites(@ForAll("moods") List<String> moods, @ForAll("texts") List<String> notes,
                                   @ForAll("micros") List<Long> micros, @ForAll("settingsArb") TextOutputSettings s)
            throws SQLException {
        check("mood", moods, s);
        check("mood_d", "?::mood_d", moods, s);
        check("mood[]", List.of(arrayOf(moods)), s);
        List<String> pairs = new ArrayList<>();
        List<String> outers = new ArrayList<>();
        for (int i = 0; i < moods.size(); i++) {
            String note = notes.get(i % notes.size());
            String pair = "(" + i + "," + field(note) + "," + field(moods.get(i)) + "," + field("{1.5,NULL,-2}") + ","
                    + field(timestampLiteral(micros.get(i % micros.size())) + "+00") + ")";
            pairs.add(pair);
            outers.add("(" + field(pair) + "," + field(note) + ")");
        }
        pairs.add("(,,,,)");
        check("pair", pairs, s);
        check("outer_pair", outers, s);
        check("pair[]", List.of(arrayOf(pairs)), s);
    }

    private static String field(String v) {
        return v == null ? "" : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Provide
    Arbitrary<List<String>> moods() {
        return Arbitraries.of(MOODS).injectNull(0.1).list().ofMinSize(1).ofMaxSize(8);
    }

    // ---------------------------------------------------------------------------------------------- catalog

    /** A consumer can take the settings of its own session. */
    @Example
    void settingsReadFromASession() throws SQLException {
        try (Statement s = live.connection().createStatement()) {
            s.execute("SET TimeZone = 'America/St_Johns'");
            s.execute("SET extra_float_digits = -2");
        }
        assertThat(TextOutputSettings.of(live.connection()))
                .isEqualTo(TextOutputSettings.DEFAULTS.withTimeZone("America/St_Johns").withExtraFloatDigits(-2));
    }

    /** The built-in OIDs, names and array/range links the renderer relies on are PostgreSQL's. */
    @Example
    void builtinTypeTableMatchesPgType() throws SQLException {
        try (Statement s = live.connection().createStatement()) {
            for (BuiltinTypes.Builtin b : BuiltinTypes.all()) {
                try (ResultSet rs = s.executeQuery("SELECT t.typname, t.typelem, r.rngsubtype, m.rngtypid FROM pg_type t"
                        + " LEFT JOIN pg_range r ON r.rngtypid = t.oid LEFT JOIN pg_range m ON m.rngmultitypid = t.oid"
                        + " WHERE t.oid = " + b.oid())) {
                    assertThat(rs.next()).as("OID %d (%s) exists", b.oid(), b.name()).isTrue();
                    assertThat(rs.getString(1)).as("name of OID %d", b.oid()).isEqualTo(b.name());
                    switch (b.kind()) {
                        case ARRAY -> assertThat(rs.getInt(2)).as("element of %s", b.name()).isEqualTo(b.inner());
                        case RANGE -> assertThat(rs.getInt(3)).as("subtype of %s", b.name()).isEqualTo(b.inner());
                        case MULTIRANGE -> assertThat(rs.getInt(4)).as("range of %s", b.name()).isEqualTo(b.inner());
                        default -> { }
                    }
                }
            }
        }
    }
}
