package dev.pglab.ci.ab;

import dev.pglab.harness.stats.HierarchicalBootstrap;
import dev.pglab.harness.stats.Summary;
import dev.pglab.harness.stats.WilcoxonSignedRank;
import java.util.List;

/**
 * The statistics of one key's A/B rounds. Ratios are slowdown ratios (head / base for time, base / head for
 * throughput), so above 1 is worse. {@code flagged} means: median ratio above 1 + T and Wilcoxon p below the
 * limit; {@code tooWide} means the interval of the median ratio is wider than 2T.
 */
public record AbAnalysis(double[] ratios, double medianRatio, double low, double high, double pValue, double threshold,
                         double aaLogMad, int dirtyRounds, boolean flagged, boolean tooWide) {

    public static AbAnalysis of(List<AbRound> rounds, boolean higherIsBetter, double threshold, AbSettings s) {
        double[] ratios = rounds.stream().mapToDouble(r -> higherIsBetter ? r.base() / r.head() : r.head() / r.base()).toArray();
        double[] logs = java.util.Arrays.stream(ratios).map(Math::log).toArray();
        double p = WilcoxonSignedRank.greater(logs).pGreater();
        var ci = HierarchicalBootstrap.standard().median(logs, s.confidence());
        double median = Math.exp(Summary.median(logs));
        double low = Math.exp(ci.low());
        double high = Math.exp(ci.high());
        int dirty = (int) rounds.stream().filter(r -> !r.clean()).count();
        boolean flagged = median > 1 + threshold && p < s.pMax();
        return new AbAnalysis(ratios, median, low, high, p, threshold, Summary.mad(logs), dirty, flagged,
                high - low > 2 * threshold);
    }
}
