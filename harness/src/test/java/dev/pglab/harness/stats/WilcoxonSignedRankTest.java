package dev.pglab.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class WilcoxonSignedRankTest {

    @Test
    void allEightRoundsSlowerGivesTheSmallestPossiblePValue() {
        var r = WilcoxonSignedRank.greater(new double[] {0.3, 0.1, 0.2, 0.5, 0.4, 0.7, 0.6, 0.8});
        assertThat(r.n()).isEqualTo(8);
        assertThat(r.wPlus()).isEqualTo(36);
        assertThat(r.pGreater()).isCloseTo(1.0 / 256, within(1e-12));
    }

    @Test
    void oneSmallNegativeRoundStillPassesOnePercentButTwoDoNot() {
        // W+ = 35 (rank 1 negative): two assignments reach 35 or more, p = 2/256
        assertThat(WilcoxonSignedRank.greater(new double[] {-0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}).pGreater())
                .isCloseTo(2.0 / 256, within(1e-12));
        assertThat(WilcoxonSignedRank.greater(new double[] {-0.1, -0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}).pGreater())
                .isGreaterThan(0.01);
    }

    @Test
    void zerosAreDroppedAndNoDataMeansNoEvidence() {
        assertThat(WilcoxonSignedRank.greater(new double[] {0, 0, 0}).pGreater()).isEqualTo(1.0);
        assertThat(WilcoxonSignedRank.greater(new double[] {0, 0.5}).n()).isEqualTo(1);
    }

    @Test
    void symmetricDifferencesAreNotEvidenceOfASlowdown() {
        assertThat(WilcoxonSignedRank.greater(new double[] {-0.4, 0.4, -0.2, 0.2, -0.1, 0.1, -0.3, 0.3}).pGreater())
                .isGreaterThan(0.4);
    }

    /** The exact distribution must equal brute-force enumeration of all 2^n sign flips, ties included. */
    @Property(tries = 200)
    void exactPValueEqualsEnumeration(@ForAll @Size(min = 1, max = 10) int[] raw,
                                      @ForAll @IntRange(min = 0, max = 1023) int signs) {
        double[] d = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int magnitude = Math.floorMod(raw[i], 5) + 1; // small range: plenty of ties
            d[i] = ((signs >> i) & 1) == 1 ? magnitude : -magnitude;
        }
        double expected = bruteForce(d);
        assertThat(WilcoxonSignedRank.greater(d).pGreater()).isCloseTo(expected, within(1e-12));
    }

    private static double bruteForce(double[] d) {
        int n = d.length;
        double[] abs = Arrays.stream(d).map(Math::abs).toArray();
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            int less = 0;
            int equal = 0;
            for (int j = 0; j < n; j++) {
                if (abs[j] < abs[i]) {
                    less++;
                } else if (abs[j] == abs[i]) {
                    equal++;
                }
            }
            rank[i] = less + (equal + 1) / 2.0;
        }
        double observed = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] > 0) {
                observed += rank[i];
            }
        }
        int atLeast = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            double w = 0;
            for (int i = 0; i < n; i++) {
                if (((mask >> i) & 1) == 1) {
                    w += rank[i];
                }
            }
            if (w >= observed - 1e-9) {
                atLeast++;
            }
        }
        return atLeast / Math.pow(2, n);
    }
}
