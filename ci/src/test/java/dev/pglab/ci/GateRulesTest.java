package dev.pglab.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.harness.result.BenchmarkKey;
import dev.pglab.harness.result.KeyResult;
import dev.pglab.harness.result.MetricKind;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The hard rules on given fork values (measured inputs are in GateProbeIT). */
class GateRulesTest {
    private final Gate gate = new Gate(GateConfig.standard());
    private static final double[] BASE = {256, 256.1, 255.9};

    @Test
    void bytesOverTheLineOnTwoThirdsOfForksIsARegression() {
        // limit = largest baseline fork 256.1 x 1.02 + 16 = 277.222
        var r = gate.allocCheck(new double[] {300, 300, 250}, BASE, null);
        assertThat(r.limit()).isCloseTo(277.222, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(r.forksOver()).isEqualTo(2);
    }

    @Test
    void bytesWithinTheLineOrBimodalAreNot() {
        assertThat(gate.allocCheck(new double[] {277, 270, 276}, BASE, null).verdict()).isEqualTo(Verdict.PASS);
        assertThat(gate.allocCheck(new double[] {300, 250, 250}, BASE, null).verdict()).isEqualTo(Verdict.PASS);
        // median over the line but only 3 of 5 forks: escape analysis flipping between forks
        assertThat(gate.allocCheck(new double[] {400, 250, 400, 250, 400}, BASE, null).verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void aBaselineWithTwoModesAcceptsEitherModeButNotMore() {
        // CDC forks measured 20,736 or 40,192 B/op for the same code (the JDBC client's buffers)
        double[] twoModes = {40192, 20736, 21004, 20752, 40128};
        assertThat(gate.allocCheck(new double[] {40160, 40176, 20740, 40150, 40190}, twoModes, null).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(gate.allocCheck(new double[] {45000, 45100, 45050, 20740, 45000}, twoModes, null).verdict())
                .isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void theAbsoluteFloorKeepsNearZeroAllocationQuiet() {
        assertThat(gate.allocCheck(new double[] {0.009, 0.01, 0.02}, new double[] {0.001, 0.002, 0.001}, null).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(gate.allocCheck(new double[] {24, 24, 24}, new double[] {0.001, 0.002, 0.001}, null).verdict())
                .isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void countersMustStayWithinOnePercentEitherWay() {
        double[] base = {10, 10, 10};
        assertThat(gate.counterCheck("roundTripsPerOp", new double[] {10.05, 10, 10.09}, base, null).verdict()).isEqualTo(Verdict.PASS);
        assertThat(gate.counterCheck("roundTripsPerOp", new double[] {11, 11, 11}, base, null).verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(gate.counterCheck("rowsPerOp", new double[] {9, 9, 9}, base, null).verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(gate.counterCheck("walBytesPerOp", new double[] {12, 12, 12}, base,
                new Baseline.Expected("walBytesPerOp", 1.25, 0, "D+I writes two rows")).verdict()).isEqualTo(Verdict.PASS);
        assertThat(gate.counterCheck("walBytesPerOp", new double[] {13, 13, 13}, base,
                new Baseline.Expected("walBytesPerOp", 1.25, 0, "D+I writes two rows")).verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Property(tries = 200)
    void unchangedBytesNeverRegressAndAGrowthPastTheLineAlwaysDoes(
            @ForAll @Size(min = 1, max = 8) double[] raw, @ForAll @DoubleRange(min = 0, max = 1e6) double scale) {
        double[] forks = java.util.Arrays.stream(raw).map(v -> Math.abs(v) % 1e6 + scale).toArray();
        assertThat(gate.allocCheck(forks, forks, null).verdict()).isEqualTo(Verdict.PASS);
        double[] grown = java.util.Arrays.stream(forks).map(v -> dev.pglab.harness.stats.Summary.max(forks) * 1.03 + 17).toArray();
        assertThat(gate.allocCheck(grown, forks, null).verdict()).isEqualTo(Verdict.REGRESSION);
    }


    @Test
    void aBaselineMeasuredUnderLoadComparesNoTimingButStillCatchesACatastrophe() {
        Gate gate = new Gate(GateConfig.standard());
        double[][] base = {{100, 101}, {99, 100}, {100, 102}};
        Baseline.Entry loaded = new Baseline.Entry("ns/op", base, new double[0], java.util.Map.of(), null, 4.5, "c");
        Baseline.Entry quiet = new Baseline.Entry("ns/op", base, new double[0], java.util.Map.of(), null, 0.4, "c");
        KeyResult same = timed(new double[][] {{100, 100}, {101, 99}, {100, 101}});
        KeyResult slow = timed(new double[][] {{900, 910}, {905, 900}, {901, 903}});

        var reasons = new java.util.ArrayList<String>();
        assertThat(gate.timingCheck(same, quiet, null, true, reasons).verdict()).isEqualTo(Verdict.PASS);
        assertThat(gate.timingCheck(same, loaded, null, true, reasons).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(reasons).anyMatch(r -> r.contains("baseline was measured at load per core up to 4.50"));
        assertThat(gate.timingCheck(slow, loaded, null, true, new java.util.ArrayList<>()).verdict())
                .isEqualTo(Verdict.REGRESSION);
    }

    private static KeyResult timed(double[][] raw) {
        var quietForks = java.util.stream.IntStream.range(0, raw.length)
                .mapToObj(f -> new KeyResult.ForkLoadReading(f, 0.3, 0.4, 0.0)).toList();
        return new KeyResult("m", BenchmarkKey.of("dev.pglab.x.Bench.run", java.util.Map.of(), "avgt"), "ns/op", raw,
                new double[0], java.util.Map.of(), quietForks);
    }

    @Test
    void aTimePerOpIsAMeasurementNotACounter() {
        // result files written before metrics declared their kind: the rule the gate applied to them
        assertThat(MetricKind.guessedForOldFiles("roundTripsPerOp", "#").gated()).isTrue();
        assertThat(MetricKind.guessedForOldFiles("walBytesPerOp", "#").gated()).isTrue();
        assertThat(MetricKind.guessedForOldFiles("sharedHits", "hits/op").gated()).isTrue();
        assertThat(MetricKind.guessedForOldFiles("backendCpuMsPerOp", "#").gated()).isFalse();
        assertThat(MetricKind.guessedForOldFiles("backendCpuUsPerOp", "#").gated()).isFalse();
        assertThat(MetricKind.guessedForOldFiles("gc.alloc.rate.norm", "B/op").gated()).isFalse();
        // a declared kind needs no guess
        assertThat(MetricKind.TIME.gated()).isFalse();
        assertThat(MetricKind.BYTES.gated()).isTrue();
    }
}
