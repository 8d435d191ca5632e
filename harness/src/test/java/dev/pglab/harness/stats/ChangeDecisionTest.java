package dev.pglab.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ChangeDecisionTest {
    private static double[] logs(double... ratios) {
        return Arrays.stream(ratios).map(Math::log).toArray();
    }

    @Test
    void eightRoundsAllAboutTwentyPercentSlowerAreSlowerAtATenPercentThreshold() {
        var d = ChangeDecision.of(logs(1.18, 1.22, 1.19, 1.25, 1.21, 1.2, 1.23, 1.17), 0.10, 0.01, 0.99);
        assertThat(d.slower()).isTrue();
        assertThat(d.faster()).isFalse();
        assertThat(d.pSlower()).isEqualTo(1.0 / 256);
        assertThat(d.medianRatio()).isBetween(1.19, 1.22);
    }

    @Test
    void significantButBelowTheThresholdIsNotAChange() {
        var d = ChangeDecision.of(logs(1.05, 1.06, 1.04, 1.07, 1.05, 1.06, 1.05, 1.04), 0.10, 0.01, 0.99);
        assertThat(d.pSlower()).isLessThan(0.01);
        assertThat(d.slower()).isFalse();
        assertThat(d.tooWide()).isFalse();
    }

    @Test
    void aLargeMedianWithoutSignificanceIsNotAChangeAndTooWide() {
        var d = ChangeDecision.of(logs(0.6, 1.9, 0.7, 1.8, 1.5, 0.8, 1.7, 1.6), 0.10, 0.01, 0.99);
        assertThat(d.medianRatio()).isGreaterThan(1.1);
        assertThat(d.slower()).isFalse();
        assertThat(d.tooWide()).isTrue();
    }

    @Test
    void noRoundsIsRefused() {
        assertThatThrownBy(() -> ChangeDecision.of(new double[0], 0.1, 0.01, 0.99)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Faster is slower mirrored: negating every log ratio swaps the two calls and their p values. */
    @Property(tries = 200)
    void fasterIsSlowerMirrored(@ForAll @Size(min = 1, max = 12) double[] raw, @ForAll @DoubleRange(min = 0.01, max = 0.5) double t) {
        double[] l = Arrays.stream(raw).map(v -> Double.isFinite(v) ? Math.max(-2, Math.min(2, v % 2)) : 0).toArray();
        var d = ChangeDecision.of(l, t, 0.01, 0.99);
        var m = ChangeDecision.of(Arrays.stream(l).map(v -> -v).toArray(), t, 0.01, 0.99);
        assertThat(m.slower()).isEqualTo(d.faster());
        assertThat(m.faster()).isEqualTo(d.slower());
        assertThat(m.pSlower()).isEqualTo(d.pFaster());
        assertThat(d.slower() && d.faster()).isFalse();
    }
}
