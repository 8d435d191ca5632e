package dev.pglab.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class HierarchicalBootstrapTest {
    private final double[][] forks = {{100, 104, 98}, {130, 128, 133}, {99, 101, 100}, {115, 117, 111}};

    @Test
    void sameSampleGivesRatioOneInsideTheInterval() {
        var ci = HierarchicalBootstrap.standard().ratioOfMedians(forks, forks, 0.99);
        assertThat(ci.estimate()).isEqualTo(1.0);
        assertThat(ci.contains(1.0)).isTrue();
    }

    @Property(tries = 30)
    void scalingEveryValueScalesTheEstimateAndTheInterval(@ForAll @DoubleRange(min = 0.2, max = 20) double factor) {
        double[][] scaled = new double[forks.length][];
        for (int f = 0; f < forks.length; f++) {
            scaled[f] = java.util.Arrays.stream(forks[f]).map(v -> v * factor).toArray();
        }
        var ci = HierarchicalBootstrap.standard().ratioOfMedians(forks, scaled, 0.99);
        assertThat(ci.estimate()).isCloseTo(factor, within(1e-9 * factor));
        assertThat(ci.low()).isLessThanOrEqualTo(ci.estimate());
        assertThat(ci.high()).isGreaterThanOrEqualTo(ci.estimate());
    }

    @Test
    void forkToForkVarianceWidensTheInterval() {
        double[][] tight = {{100, 100.5, 99.5}, {100, 100.2, 99.8}, {100.1, 99.9, 100}, {100, 100, 100.3}};
        var narrow = HierarchicalBootstrap.standard().ratioOfMedians(tight, tight, 0.99);
        var wide = HierarchicalBootstrap.standard().ratioOfMedians(forks, forks, 0.99);
        assertThat(wide.width()).isGreaterThan(narrow.width() * 5);
    }

    @Test
    void seededSoRepeatableAndTheMedianIntervalBracketsTheMedian() {
        var a = HierarchicalBootstrap.standard().median(new double[] {0.1, 0.3, -0.2, 0.05, 0.2, 0.0, 0.15, 0.1}, 0.99);
        var b = HierarchicalBootstrap.standard().median(new double[] {0.1, 0.3, -0.2, 0.05, 0.2, 0.0, 0.15, 0.1}, 0.99);
        assertThat(a).isEqualTo(b);
        assertThat(a.contains(a.estimate())).isTrue();
    }
}
