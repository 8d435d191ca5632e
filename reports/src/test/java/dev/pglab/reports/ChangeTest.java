package dev.pglab.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.ci.GateConfig;
import dev.pglab.ci.KeyVerdict;
import dev.pglab.ci.Verdict;
import dev.pglab.harness.measure.LoadGuard;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** The overview's changes: worse always above 1, REGRESSION and MISSING on top, the rules from the gate's config. */
class ChangeTest {

    static KeyVerdict timing(String key, String unit, Verdict v, double base, double cur, double ratio) {
        return new KeyVerdict("m", key, key, unit, v, "fp", null, null,
                new KeyVerdict.TimingCheck(v, ratio > 1.1 ? "SLOWER" : "SAME", base, cur, ratio, ratio * 0.9, ratio * 1.1,
                        0.1, true, 0.2, 0, false), null, null, List.of("a long reason about " + key));
    }

    static KeyVerdict alloc(String key, Verdict v, double base, double cur) {
        return new KeyVerdict("m", key, key, "ns/op", v, "fp",
                new KeyVerdict.AllocCheck(v, base, cur, base * 1.02 + 16, v == Verdict.REGRESSION ? 3 : 0, 3),
                null, null, null, null, List.of());
    }

    @Test
    void throughputThatFellReadsAsSlowerNotAsAGain() {
        // the example: 904,265 -> 198,012 ops/s was shown as "+356.7 %"
        Change c = Change.of(timing("Decode.x|thrpt", "ops/s", Verdict.INCONCLUSIVE, 904_265, 198_012, 904_265.0 / 198_012));
        assertThat(c.ratio()).isGreaterThan(1);
        assertThat(c.changeText()).isEqualTo("4.57× slower");
    }

    @Test
    void aChangeFromNothingShowsBothNumbersAndTheBytesDecide() {
        KeyVerdict k = new KeyVerdict("m", "k", "k", "ns/op", Verdict.REGRESSION, "fp",
                new KeyVerdict.AllocCheck(Verdict.REGRESSION, 0.001055, 26.199, 16.02, 3, 3), null,
                new KeyVerdict.TimingCheck(Verdict.PASS, "SAME", 10, 10.2, 1.02, 0.99, 1.05, 0.1, true, 0.1, 0, false),
                null, null, List.of("bytes/op over"));
        Change c = Change.of(k);
        assertThat(c.measure()).isEqualTo(Change.Measure.BYTES);
        assertThat(c.changeText()).isEqualTo("0.001 B/op → 26 B/op");
        assertThat(c.tags()).contains("bytes/op 3/3 forks over");
    }

    @Test
    void regressionsAndMissingKeysComeFirstThenTheLargestChange() {
        List<Change> sorted = Stream.of(
                        timing("pass-big", "ns/op", Verdict.PASS, 1, 3, 3),
                        alloc("regression-small", Verdict.REGRESSION, 100, 120),
                        new KeyVerdict("m", "missing", "missing", "ns/op", Verdict.MISSING, "fp", null, null, null, null, null,
                                List.of("no longer measured")),
                        timing("faster-huge", "ns/op", Verdict.PASS, 10, 1, 0.1),
                        timing("inconclusive-small", "ns/op", Verdict.INCONCLUSIVE, 1, 1.2, 1.2))
                .map(Change::of).sorted(Change.ORDER).toList();
        assertThat(sorted).extracting(Change::keyId)
                .containsExactly("regression-small", "missing", "faster-huge", "pass-big", "inconclusive-small");
    }

    @Property(tries = 200)
    void betterAndWorseAreMirrorImagesWhateverTheUnit(@ForAll @DoubleRange(min = 0.01, max = 100) double ratio) {
        Change worse = Change.of(timing("a", "ops/s", Verdict.PASS, 100, 100 / ratio, ratio));
        Change better = Change.of(timing("b", "ns/op", Verdict.PASS, 100, 100 / ratio, 1 / ratio));
        assertThat(worse.magnitude()).isCloseTo(better.magnitude(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theRulesAreWrittenFromTheConfigThatJudged() {
        List<String> standard = ReportModel.rules(GateConfig.standard());
        assertThat(standard.getFirst()).contains("baseline × 1.02 + 16 B");
        assertThat(standard.get(4)).contains("load per core exceeds 1.5");
        GateConfig other = new GateConfig(new LoadGuard(3, 0.2), 0.95, 0.2, 4, 0.05, 64, 0.02);
        List<String> rules = ReportModel.rules(other);
        assertThat(rules.getFirst()).contains("baseline × 1.05 + 64 B");
        assertThat(rules.get(1)).contains("within 2 %");
        assertThat(rules.get(2)).contains("95 % interval", "max(20 %", "4× slower");
        assertThat(rules.get(4)).contains("exceeds 3", "steal 20 %");
    }
}
