package dev.pglab.ci.ab;

import dev.pglab.harness.stats.ChangeDecision;
import dev.pglab.harness.stats.WilcoxonSignedRank;
import java.util.List;

/**
 * The statistics of one key's A/B rounds. Ratios are slowdown ratios (head / base for time, base / head for
 * throughput), so above 1 is worse. {@code flagged} and {@code tooWide} are harness's {@link ChangeDecision} (the rule
 * {@code pglab replay compare} uses too): median ratio above 1 + T and Wilcoxon p below the limit; the interval of
 * the median ratio wider than 2T.
 */
public record AbAnalysis(double[] ratios, double medianRatio, double low, double high, double pValue, double threshold,
                         double aaLogMad, int dirtyRounds, boolean flagged, boolean tooWide) {

    public static AbAnalysis of(List<AbRound> rounds, boolean higherIsBetter, double threshold, AbSettings s) {
        double[] ratios = rounds.stream().mapToDouble(r -> higherIsBetter ? r.base() / r.head() : r.head() / r.base()).toArray();
        double[] logs = java.util.Arrays.stream(ratios).map(Math::log).toArray();
        ChangeDecision d = ChangeDecision.of(logs, threshold, s.pMax(), s.confidence());
        int dirty = (int) rounds.stream().filter(r -> !r.clean()).count();
        return new AbAnalysis(ratios, d.medianRatio(), d.low(), d.high(), d.pSlower(), threshold, d.logMad(), dirty,
                d.slower(), d.tooWide());
    }

    /**
     * The smallest slowdown this run could have detected: the smallest uniform slowdown s that, multiplied into every
     * round of this run, would have flagged the key by the gate's own rule (median round ratio above 1 + T and
     * one-sided Wilcoxon p below the limit). With fewer rounds than that p needs (a key decided early), the rule is
     * read from the interval instead: the median above 1 + T with the whole 99 % interval above 1; with fewer
     * rounds than a decision needs, nothing (infinite). Noisy or few rounds make it large, so a PASS says how much
     * it rules out. A key this run flagged is already over the line, so "multiplied into its rounds" would say 0:
     * for it the same question is asked of its rounds with their median shift taken out (each round ratio divided
     * by the median), which is what the spread of its rounds could have detected from no change at all.
     */
    public double detectableSlowdown(AbSettings s) {
        if (ratios.length == 0 || !(medianRatio > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        if (flagged) {
            return detectable(java.util.Arrays.stream(ratios).map(r -> r / medianRatio).toArray(), 1, low / medianRatio, s);
        }
        return detectable(ratios, medianRatio, low, s);
    }

    private double detectable(double[] ratios, double medianRatio, double low, AbSettings s) {
        double byMedian = (1 + threshold) / medianRatio;
        if (ratios.length < Math.min(s.minRounds(), s.roundsForSignificance())) {
            return Double.POSITIVE_INFINITY; // too few rounds to decide anything either way
        }
        if (ratios.length < s.roundsForSignificance()) {
            return low > 0 ? Math.max(0, Math.max(byMedian, 1 / low) - 1) : Double.POSITIVE_INFINITY;
        }
        double[] logs = java.util.Arrays.stream(ratios).map(Math::log).toArray();
        // p falls as the shift grows; past -min(log) every round is slower and p is at its floor
        double lo = 0;
        double hi = Math.max(0, -java.util.Arrays.stream(logs).min().orElse(0)) + 1e-9;
        if (pAfterShift(logs, hi) >= s.pMax()) {
            return Double.POSITIVE_INFINITY;
        }
        if (pAfterShift(logs, 0) >= s.pMax()) {
            for (int i = 0; i < 60; i++) {
                double mid = (lo + hi) / 2;
                if (pAfterShift(logs, mid) < s.pMax()) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
        } else {
            hi = 0;
        }
        return Math.max(0, Math.max(byMedian, Math.exp(hi)) - 1);
    }

    private static double pAfterShift(double[] logs, double shift) {
        return WilcoxonSignedRank.greater(java.util.Arrays.stream(logs).map(l -> l + shift).toArray()).pGreater();
    }
}
