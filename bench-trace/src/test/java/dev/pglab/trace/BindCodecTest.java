package dev.pglab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The trace's text form of a bind must give back exactly the value the application bound. */
class BindCodecTest {

    @Property
    void everyValueSurvivesTheTraceFile(@ForAll("values") Object value) throws Exception {
        Bind bind = BindCodec.of(3, value);
        // through the JSON lines form, as a tool reading the trace sees it
        Bind read = TraceFiles.JSON.readValue(TraceFiles.JSON.writeValueAsString(bind), Bind.class);
        Object back = BindCodec.decode(read);
        if (value instanceof byte[] bytes) {
            assertThat((byte[]) back).containsExactly(bytes);
        } else if (value instanceof Float f && f.isNaN() || value instanceof Double d && d.isNaN()) {
            assertThat(back).isEqualTo(value); // boxed equals treats NaN as equal to itself
        } else {
            assertThat(back).isEqualTo(value);
        }
    }

    @Property
    void theTextLineQuotesEveryCharacterOnOneLine(@ForAll String s) {
        String quoted = TraceFiles.quote(s);
        assertThat(quoted).doesNotContain("\n").doesNotContain("\r").startsWith("\"").endsWith("\"");
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.shorts().map(s -> (Object) s),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.floats().map(f -> (Object) f),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Float.NaN, -0.0f, Float.NEGATIVE_INFINITY, Double.NaN, -0.0d, Double.MIN_VALUE)
                        .map(o -> (Object) o),
                Arbitraries.bigIntegers().between(BigInteger.valueOf(-1_000_000_000_000L), BigInteger.valueOf(1_000_000_000_000L))
                        .flatMap(u -> Arbitraries.integers().between(-20, 30).map(scale -> (Object) new BigDecimal(u, scale))),
                Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b -> (Object) b),
                Arbitraries.longs().between(-30_000_000_000_000L, 200_000_000_000_000L)
                        .map(us -> (Object) LocalDateTime.ofEpochSecond(Math.floorDiv(us, 1_000_000), (int) Math.floorMod(us, 1_000_000) * 1000, ZoneOffset.UTC)),
                Arbitraries.longs().between(0, 4_000_000_000_000_000L)
                        .map(us -> (Object) OffsetDateTime.ofInstant(Instant.EPOCH.plus(us, ChronoUnit.MICROS), ZoneOffset.ofHours(2))),
                Arbitraries.longs().between(0, 2_000_000_000L)
                        .map(days -> (Object) java.time.LocalDate.ofEpochDay(days % 2_900_000)),
                Arbitraries.create(java.util.UUID::randomUUID).map(u -> (Object) u));
    }
}
