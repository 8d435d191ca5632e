package dev.pglab.cdc.experiment;

import dev.pglab.harness.stats.Summary;

/**
 * One line of the verdict table: a criterion on a scenario, a variant against its baseline, the change of the
 * timed metric (or of buffer hits) and, beside it, the change of backend CPU time when it was measured.
 *
 * @param scenario e.g. {@code bulk 50c x 10000r} or {@code scan single 10000r}
 * @param variant  e.g. {@code DI-1 (di1)} or {@code DI-5CTE (di_row_twice)}
 * @param metric   what was compared, e.g. {@code ms/op}, {@code shared hit blocks}
 */
public record VerdictRow(Criterion criterion, String scenario, String variant, String baseline, String metric,
                         double variantValue, double baselineValue, ChangeEstimate change, ChangeEstimate cpuChange,
                         Verdict verdict, Verdict cpuVerdict) {

    public static VerdictRow of(Criterion criterion, String scenario, String variant, String baseline, String metric,
                                double[] variantSamples, double[] baselineSamples, double[] variantCpu, double[] baselineCpu) {
        ChangeEstimate change = ChangeEstimate.of(variantSamples, baselineSamples);
        ChangeEstimate cpu = variantCpu == null || baselineCpu == null || variantCpu.length == 0
                || java.util.Arrays.stream(variantCpu).anyMatch(v -> v < 0) || java.util.Arrays.stream(baselineCpu).anyMatch(v -> v <= 0)
                ? ChangeEstimate.of(new double[0], new double[0]) : ChangeEstimate.of(variantCpu, baselineCpu);
        return new VerdictRow(criterion, scenario, variant, baseline, metric,
                variantSamples.length == 0 ? Double.NaN : Summary.median(variantSamples),
                baselineSamples.length == 0 ? Double.NaN : Summary.median(baselineSamples),
                change, cpu, change.against(criterion), cpu.against(criterion));
    }
}
