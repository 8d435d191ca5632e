package dev.pglab.harness.stats;

import java.util.Arrays;

/**
 * The lab's one rule for "did B change against A" over paired rounds, shared by the A/B timing gate and
 * {@code pglab replay compare}. The input is one log slowdown ratio per round (log of B/A for a time, A/B for a
 * throughput: above 0 is slower). B is {@link #slower()} when the median round ratio is above {@code 1 + T} and
 * the exact one-sided Wilcoxon signed-rank p of "slower" is below {@code pMax}; {@link #faster()} mirrors it
 * (median below {@code 1 / (1 + T)}, p of "faster" below {@code pMax}); the evidence is {@link #tooWide()} when the
 * bootstrap interval of the median ratio is wider than {@code 2T}, too noisy to call two sides the same.
 *
 * @param medianRatio exp(median of the log ratios)
 * @param low         low end of the seeded bootstrap interval of the median ratio, at {@code confidence}
 * @param high        its high end
 * @param pSlower     one-sided Wilcoxon p that B is slower
 * @param pFaster     one-sided Wilcoxon p that B is faster
 * @param logMad      MAD of the log ratios: on an A/A run, the noise a real change must exceed
 */
public record ChangeDecision(double medianRatio, double low, double high, double pSlower, double pFaster, double logMad,
                             double threshold, double pMax) {

    /** Judges the rounds' log ratios (finite values; at least one) against T and the p limit. */
    public static ChangeDecision of(double[] logRatios, double threshold, double pMax, double confidence) {
        if (logRatios.length == 0) {
            throw new IllegalArgumentException("no rounds to decide on");
        }
        double pSlower = WilcoxonSignedRank.greater(logRatios).pGreater();
        double pFaster = WilcoxonSignedRank.greater(Arrays.stream(logRatios).map(v -> -v).toArray()).pGreater();
        var ci = HierarchicalBootstrap.standard().median(logRatios, confidence);
        return new ChangeDecision(Math.exp(Summary.median(logRatios)), Math.exp(ci.low()), Math.exp(ci.high()), pSlower,
                pFaster, Summary.mad(logRatios), threshold, pMax);
    }

    /** Slower by more than T, and significantly so. */
    public boolean slower() {
        return medianRatio > 1 + threshold && pSlower < pMax;
    }

    /** Faster by more than T (as a ratio: below 1 / (1 + T)), and significantly so. */
    public boolean faster() {
        return medianRatio < 1 / (1 + threshold) && pFaster < pMax;
    }

    /** The interval of the median ratio is wider than 2T: these rounds cannot tell a change of T from none. */
    public boolean tooWide() {
        return high - low > 2 * threshold;
    }
}
