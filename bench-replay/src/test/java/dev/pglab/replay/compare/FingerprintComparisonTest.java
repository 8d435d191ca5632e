package dev.pglab.replay.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The verdict rules on per-round p50s, without a server. */
class FingerprintComparisonTest {
    static final CompareSettings S = CompareSettings.standard();
    static final double[] NONE = {Double.NaN, Double.NaN, Double.NaN};

    static FingerprintComparison judge(double[] a, double[] b, long perRound) {
        return FingerprintComparison.of("q", a, b, perRound * a.length, perRound * b.length, perRound, NONE, NONE, S);
    }

    static double[] times(double base, double... factors) {
        return Arrays.stream(factors).map(f -> base * f).toArray();
    }

    static final double[] A = times(1, 1.00, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.00);

    @Test
    void aTwentyPercentShiftInEveryRoundIsSlowerAndTheMirrorFaster() {
        double[] b = Arrays.stream(A).map(v -> v * 1.2).toArray();
        FingerprintComparison slower = judge(A, b, 50);
        assertThat(slower.verdict()).as(slower.reason()).isEqualTo(CompareVerdict.SLOWER);
        assertThat(slower.medianRatio()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(slower.low()).isLessThanOrEqualTo(1.2);
        assertThat(slower.high()).isGreaterThanOrEqualTo(1.2);
        assertThat(judge(b, A, 50).verdict()).isEqualTo(CompareVerdict.FASTER);
    }

    @Test
    void noiseWithinTheFloorIsSameAndTooFewExecutionsInconclusive() {
        double[] b = times(1, 1.01, 0.99, 1.00, 1.02, 0.98, 1.01, 1.00, 0.99);
        assertThat(judge(A, b, 50).verdict()).isEqualTo(CompareVerdict.SAME);
        double[] slower = Arrays.stream(A).map(v -> v * 2).toArray();
        assertThat(judge(A, slower, S.minCount() - 1).verdict()).isEqualTo(CompareVerdict.INCONCLUSIVE);
    }

    @Test
    void aLargeMedianThatTheRoundsDoNotAgreeOnIsNotSlower() {
        // half the rounds 1.5x slower, half 1.4x faster: the median moves but the one-sided test does not pass
        double[] b = {1.5, 0.7, 1.5, 0.7, 1.5, 0.7, 1.5, 0.7};
        FingerprintComparison f = judge(times(1, 1, 1, 1, 1, 1, 1, 1, 1), b, 50);
        assertThat(f.verdict()).as(f.reason()).isEqualTo(CompareVerdict.INCONCLUSIVE);
    }

    @Test
    void aFingerprintOnOneSideOnlyIsInconclusiveAndSaysSo() {
        double[] nan = {Double.NaN, Double.NaN};
        FingerprintComparison f = FingerprintComparison.of("q", new double[] {1, 1}, nan, 100, 0, 0, NONE, NONE, S);
        assertThat(f.verdict()).isEqualTo(CompareVerdict.INCONCLUSIVE);
        assertThat(f.reason()).isEqualTo("only on A");
    }

    @Test
    void settingsParseNameValueListsAndRejectAPairWithoutEquals() {
        assertThat(ServerSettings.parse(java.util.List.of("work_mem=64MB,JIT=off", "random_page_cost=1.1"), "--b-set"))
                .containsExactly(java.util.Map.entry("work_mem", "64MB"), java.util.Map.entry("jit", "off"),
                        java.util.Map.entry("random_page_cost", "1.1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerSettings.parse(java.util.List.of("work_mem"), "--b-set"))
                .hasMessage("--b-set 'work_mem': expected name=value, e.g. work_mem=64MB");
    }
}
