package dev.pglab.cdc.experiment;

import dev.pglab.harness.stats.Summary;
import java.util.Arrays;

/**
 * The relative change of a variant against a baseline from independent samples (JMH forks, or rounds of the
 * command line): the point estimate is {@code Summary.median(variant) / Summary.median(baseline) - 1}; the interval is the
 * range over all variant/baseline sample pairs, {@code [min(v)/max(b) - 1, max(v)/min(b) - 1]}, which makes no
 * distributional assumption and widens honestly with noise.
 */
public record ChangeEstimate(double change, double low, double high, int variantSamples, int baselineSamples) {

    public static ChangeEstimate of(double[] variant, double[] baseline) {
        if (variant.length == 0 || baseline.length == 0) {
            return new ChangeEstimate(Double.NaN, Double.NaN, Double.NaN, variant.length, baseline.length);
        }
        double vMin = Arrays.stream(variant).min().orElseThrow();
        double vMax = Arrays.stream(variant).max().orElseThrow();
        double bMin = Arrays.stream(baseline).min().orElseThrow();
        double bMax = Arrays.stream(baseline).max().orElseThrow();
        return new ChangeEstimate(Summary.median(variant) / Summary.median(baseline) - 1, vMin / bMax - 1, vMax / bMin - 1,
                variant.length, baseline.length);
    }

    /** PASS when the whole interval is within the bound, FAIL when it is wholly outside; fewer than two samples a side decide nothing. */
    public Verdict against(Criterion criterion) {
        if (Double.isNaN(change) || Double.isInfinite(high)) {
            return Verdict.INCONCLUSIVE;
        }
        if (variantSamples < 2 || baselineSamples < 2) {
            return Verdict.INCONCLUSIVE;
        }
        if (high <= criterion.maxChange()) {
            return Verdict.PASS;
        }
        if (low > criterion.maxChange()) {
            return Verdict.FAIL;
        }
        return Verdict.INCONCLUSIVE;
    }

    public String format() {
        if (Double.isNaN(change)) {
            return "n/a";
        }
        return "%+.1f%% [%+.1f, %+.1f]".formatted(change * 100, low * 100, high * 100);
    }
}
