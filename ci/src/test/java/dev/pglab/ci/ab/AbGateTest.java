package dev.pglab.ci.ab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.harness.result.BenchmarkKey;
import dev.pglab.ci.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The A/B decision rules on given round values (the measuring itself is AbGateIT). */
class AbGateTest {
    private static final BenchmarkKey KEY = BenchmarkKey.parse("x.Bench.m||avgt");
    private final AbSettings settings = AbSettings.standard();
    private final AbGate gate = new AbGate(settings, null, s -> { });

    private static List<AbRound> rounds(double[] head, int dirty) {
        List<AbRound> r = new ArrayList<>();
        for (int i = 0; i < head.length; i++) {
            r.add(new AbRound(i + 1, i % 2 == 0, 100, head[i], 64, 64, i >= dirty));
        }
        return r;
    }

    private AbGate.Outcome decide(double[] first, double[] rerun, int dirty) {
        List<AbRound> r1 = rounds(first, dirty);
        AbAnalysis a = AbAnalysis.of(r1, false, 0.10, settings);
        AbAnalysis b = rerun == null ? null : AbAnalysis.of(rounds(rerun, 0), false, 0.10, settings);
        return gate.decide("m", KEY, a, b, r1);
    }

    private static final double[] SLOWER = {130, 125, 128, 135, 131, 127, 129, 133};
    private static final double[] SAME = {101, 99, 102, 98, 100, 103, 97, 100};

    @Test
    void aConfirmedSlowdownUnderACleanGuardIsARegression() {
        var o = decide(SLOWER, SLOWER, 0);
        assertThat(o.first().flagged()).isTrue();
        assertThat(o.first().pValue()).isEqualTo(1.0 / 256);
        assertThat(o.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void aSlowdownTheRerunDoesNotConfirmIsInconclusive() {
        assertThat(decide(SLOWER, SAME, 0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void aSlowdownUnderADirtyLoadGuardIsInconclusive() {
        assertThat(decide(SLOWER, SLOWER, 4).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void smallOrInsignificantChangesPass() {
        assertThat(decide(SAME, null, 0).verdict()).isEqualTo(Verdict.PASS);
        // 5 % slower every round: significant, but below T = 10 %
        assertThat(decide(new double[] {105, 105, 106, 104, 105, 105, 106, 104}, null, 0).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void wildRoundsAreInconclusiveNotARegression() {
        var o = decide(new double[] {47, 137, 74, 145, 56, 121, 97, 207}, null, 0); // shape of the measured A/A in lab-anchors 1.12
        assertThat(o.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(o.first().flagged()).isFalse();
    }
}
