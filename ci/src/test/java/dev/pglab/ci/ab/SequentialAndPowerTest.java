package dev.pglab.ci.ab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Sequential stopping, the detectable slowdown and the calibration table, on given round values. */
class SequentialAndPowerTest {
    private final AbSettings settings = AbSettings.standard();

    private static List<AbRound> rounds(double... headOverBase) {
        List<AbRound> r = new ArrayList<>();
        for (int i = 0; i < headOverBase.length; i++) {
            r.add(new AbRound(i + 1, i % 2 == 0, 100, 100 * headOverBase[i], 64, 64, true));
        }
        return r;
    }

    @Test
    void sevenRoundsAreTheFewestThatCanReachTheSignificanceLimit() {
        assertThat(settings.roundsForSignificance()).isEqualTo(7); // 2^-7 = 0.0078 < 0.01 <= 2^-6
    }

    @Test
    void tightRoundsBelowThresholdAreDecidedAfterTheMinimumRounds() {
        double[] same = {1.01, 0.99, 1.02, 0.98};
        assertThat(SequentialStop.decide(rounds(1.01, 0.99, 1.02), false, 0.10, settings)).isEqualTo(SequentialStop.Decision.OPEN);
        assertThat(SequentialStop.decide(rounds(same), false, 0.10, settings)).isEqualTo(SequentialStop.Decision.WITHIN);
        assertThat(SequentialStop.decide(rounds(same), false, 0.10, settings.fixedRounds())).isEqualTo(SequentialStop.Decision.OPEN);
    }

    @Test
    void aClearSlowdownIsFlaggedOnlyOnceSignificanceIsReachable() {
        double[] slower = {1.3, 1.25, 1.28, 1.35, 1.31, 1.27, 1.29};
        assertThat(SequentialStop.decide(rounds(java.util.Arrays.copyOf(slower, 6)), false, 0.10, settings))
                .isEqualTo(SequentialStop.Decision.OPEN);
        assertThat(SequentialStop.decide(rounds(slower), false, 0.10, settings)).isEqualTo(SequentialStop.Decision.FLAGGED);
    }

    @Test
    void wildRoundsStayOpen() {
        assertThat(SequentialStop.decide(rounds(0.47, 1.37, 0.74, 1.45, 0.56, 1.21), false, 0.10, settings))
                .isEqualTo(SequentialStop.Decision.OPEN);
    }

    @Test
    void noisierRoundsCanDetectLessThanQuietOnes() {
        double quiet = AbAnalysis.of(rounds(1.01, 0.99, 1.0, 1.02, 0.98, 1.0, 1.01, 0.99), false, 0.10, settings)
                .detectableSlowdown(settings);
        double noisy = AbAnalysis.of(rounds(0.8, 1.2, 0.9, 1.15, 0.85, 1.1, 0.95, 1.05), false, 0.10, settings)
                .detectableSlowdown(settings);
        assertThat(quiet).isBetween(0.10, 0.13);
        assertThat(noisy).isGreaterThan(quiet + 0.05);
        assertThat(AbAnalysis.of(rounds(1.0), false, 0.10, settings).detectableSlowdown(settings)).isGreaterThanOrEqualTo(0.10);
    }

    /**
     * What "detectable" promises: the run's own rounds slowed by that much (plus a hair) are flagged by the gate's
     * rule, and slowed by clearly less are not.
     */
    @Property(tries = 200)
    void theDetectableSlowdownIsWhereTheRuleStartsToFlag(
            @ForAll @Size(min = 7, max = 8) List<@DoubleRange(min = 0.6, max = 1.6) Double> ratios) {
        double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        AbAnalysis a = AbAnalysis.of(rounds(r), false, 0.10, settings);
        net.jqwik.api.Assume.that(!a.flagged()); // a flagged run's own promise is the next property's
        double d = a.detectableSlowdown(settings);
        assertThat(d).isFinite();
        double[] above = java.util.Arrays.stream(r).map(x -> x * (1 + d) * 1.0001).toArray();
        assertThat(AbAnalysis.of(rounds(above), false, 0.10, settings).flagged()).isTrue();
        if (d > 0.02) {
            double[] below = java.util.Arrays.stream(r).map(x -> x * (1 + d) / 1.02).toArray();
            assertThat(AbAnalysis.of(rounds(below), false, 0.10, settings).flagged()).isFalse();
        }
    }

    /**
     * A flagged key is over the line already, so "its rounds slowed by s" would say 0 %: its detectable slowdown is
     * that of its rounds with the median shift taken out, never 0 and at least T, and those centred rounds slowed by
     * it are flagged while slowed by clearly less they are not.
     */
    @Property(tries = 200)
    void aFlaggedKeyStatesWhatItsSpreadCouldDetect(
            @ForAll @Size(min = 7, max = 8) List<@DoubleRange(min = 1.3, max = 2.0) Double> ratios) {
        double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        AbAnalysis a = AbAnalysis.of(rounds(r), false, 0.10, settings);
        assertThat(a.flagged()).isTrue();
        double d = a.detectableSlowdown(settings);
        assertThat(d).isFinite().isGreaterThanOrEqualTo(0.10);
        double[] centred = java.util.Arrays.stream(r).map(x -> x / a.medianRatio()).toArray();
        assertThat(AbAnalysis.of(rounds(java.util.Arrays.stream(centred).map(x -> x * (1 + d) * 1.0001).toArray()), false,
                0.10, settings).flagged()).isTrue();
        if (d > 0.02) {
            assertThat(AbAnalysis.of(rounds(java.util.Arrays.stream(centred).map(x -> x * (1 + d) / 1.02).toArray()), false,
                    0.10, settings).flagged()).isFalse();
        }
    }

    /** The case from a real run: x1.597 [1.083, 1.814], flagged; its line read "smallest detectable slowdown 0 %". */
    @Test
    void aRegressionNoLongerReadsAsDetectingZeroPercent() {
        AbAnalysis a = AbAnalysis.of(rounds(1.08, 1.81, 1.55, 1.62, 1.70, 1.50, 1.60, 1.65), false, 0.10, settings);
        assertThat(a.flagged()).isTrue();
        assertThat(a.detectableSlowdown(settings)).isBetween(0.10, 0.60);
        var o = new AbGate(settings, null, x -> { }).decide("m", dev.pglab.harness.result.BenchmarkKey.parse("a.B.c||avgt"),
                a, a, List.of());
        assertThat(String.join(" ", o.reasons())).doesNotContain("detectable slowdown 0 %").contains("smallest detectable slowdown");
        // what gate.json, gate.md and the report show, and the console table
        assertThat(o.check(settings).detectable()).isEqualTo(a.detectableSlowdown(settings));
        assertThat(o.detectable(settings)).isEqualTo(a.detectableSlowdown(settings));
        String md = dev.pglab.ci.GateMarkdown.render(dev.pglab.ci.GateReport.of("t", "c", "fp", "ab", "none",
                List.of(o.toKeyVerdict("fp", settings)), List.of()));
        assertThat(md).contains(String.format(java.util.Locale.ROOT, "≥ %.0f %%", 100 * a.detectableSlowdown(settings)))
                .doesNotContain("≥ 0 %");
    }

    @Test
    void theCalibrationTableCountsOutcomesPerSentinelAndLevel() {
        var trials = List.of(
                new AbCalibration.Trial("P.parse [thrpt]", 0, 1, dev.pglab.ci.Verdict.PASS, 1.01, 0.12),
                new AbCalibration.Trial("P.parse [thrpt]", 0, 2, dev.pglab.ci.Verdict.INCONCLUSIVE, 0.97, 0.30),
                new AbCalibration.Trial("P.parse [thrpt]", 0.2, 1, dev.pglab.ci.Verdict.REGRESSION, 1.21, 0.10),
                new AbCalibration.Trial("P.parse [thrpt]", 0.2, 2, dev.pglab.ci.Verdict.REGRESSION, 1.19, 0.12));
        String table = AbCalibration.table(trials);
        assertThat(table.lines()).hasSize(4);
        assertThat(table).contains("| P.parse [thrpt] | A/A | 2 | 0 | 1 | 1 | x0.990 | 21 % |")
                .contains("| P.parse [thrpt] | 20 % | 2 | 2 | 0 | 0 | x1.200 | 11 % |");
        assertThat(AbRequest.parseLevels("0.10, 0.2,0.5")).containsExactly(0.10, 0.2, 0.5);
    }

    /** Two arms alternate as the gate always did; five arms take every position once in five rounds. */
    @Test
    void armsRotateOnePlacePerRound() {
        assertThat(AbRunner.order(2, 1)).containsExactly(0, 1);
        assertThat(AbRunner.order(2, 2)).containsExactly(1, 0);
        assertThat(AbRunner.order(2, 3)).containsExactly(0, 1);
        for (int arm = 0; arm < 5; arm++) {
            java.util.Set<Integer> positions = new java.util.TreeSet<>();
            for (int r = 1; r <= 5; r++) {
                positions.add(AbRunner.order(5, r).indexOf(arm));
            }
            assertThat(positions).as("arm %d", arm).containsExactly(0, 1, 2, 3, 4);
        }
    }

    /**
     * The plan of the documented calibration (A/A and three levels, 5 trials, CI's 2x500 / 3x500, the four modules'
     * six sentinels): shared base forks cost about two thirds of one separate A/B per level.
     */
    @Test
    void theCalibrationPlanStatesItsArmsAndAnEstimateBelowSeparateRuns() {
        var plan = new AbCalibration.Plan(5, List.of(0.0, 0.1, 0.2, 0.5), List.of(2, 1, 2, 1),
                settings.withTiming(2, java.time.Duration.ofMillis(500), 3, java.time.Duration.ofMillis(500)));
        // first pass: base, A/A and +10 % all 8 rounds, +20 % and +50 % flagged after 7; rerun: base and those two, 7
        assertThat(plan.armRoundsPerTrial()).isEqualTo(8 * 3 + 7 * 2 + 7 * 3);
        assertThat(plan.estimate()).isLessThan(plan.estimateSeparate().multipliedBy(7).dividedBy(10));
        assertThat(plan.describe()).contains("5 trial(s)", "base, A/A, +10 %, +20 %, +50 %", "4 module(s), 6 sentinel key(s)",
                "up to 8 rounds of 2x500 ms warm-up + 3x500 ms", "Estimate: about " + plan.estimate().toMinutes() + " min");
    }

    @Test
    void injectionGoesToTheHeadSideOnly() {
        AbSide head = new AbSide("head", "wt", List.of(), List.of("-Xmx1g"));
        assertThat(AbCalibration.inject(head, 0.2).forkJvmArgs()).containsExactly("-Xmx1g", "-Dpglab.ab.slowdown=0.2");
        assertThat(AbCalibration.inject(head, 0).forkJvmArgs()).containsExactly("-Xmx1g");
    }
}
