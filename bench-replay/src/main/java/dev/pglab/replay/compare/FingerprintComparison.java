package dev.pglab.replay.compare;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.pglab.harness.stats.ChangeDecision;
import java.util.Arrays;
import java.util.Locale;

/**
 * One fingerprint across a compare: pooled latency percentiles per side, the per-round ratios of B's p50 to A's,
 * their median with a bootstrap interval, both one-sided Wilcoxon p values, and the verdict
 * ({@link CompareSettings} says how it is reached). The rule is harness's {@link ChangeDecision}, the A/B timing
 * gate's, on rounds of replays instead of rounds of JMH forks.
 *
 * @param countA      executions on A over all rounds
 * @param minPerRound the fewest executions of one replay, either side
 * @param ratios      per round, B p50 / A p50 (NaN when a side did not run it that round)
 * @param noise       MAD of the per-round log ratios: on an A/A compare, the noise a real change must exceed
 */
@JsonPropertyOrder({"verdict", "fingerprint", "countA", "countB", "minPerRound", "aP50Ms", "aP95Ms", "aP99Ms",
        "bP50Ms", "bP95Ms", "bP99Ms", "medianRatio", "low", "high", "pSlower", "pFaster", "noise", "reason", "ratios"})
public record FingerprintComparison(CompareVerdict verdict, String fingerprint, long countA, long countB,
                                    long minPerRound, double aP50Ms, double aP95Ms, double aP99Ms, double bP50Ms,
                                    double bP95Ms, double bP99Ms, double medianRatio, double low, double high,
                                    double pSlower, double pFaster, double noise, String reason, double[] ratios) {

    /**
     * @param aP50 / bP50 per round, the side's p50 in ms (NaN when absent); pooled percentiles come in {@code pooled}
     */
    static FingerprintComparison of(String fingerprint, double[] aP50, double[] bP50, long countA, long countB,
                                    long minPerRound, double[] pooledA, double[] pooledB, CompareSettings s) {
        double[] ratios = new double[aP50.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = aP50[i] > 0 && bP50[i] > 0 ? bP50[i] / aP50[i] : Double.NaN;
        }
        double[] logs = Arrays.stream(ratios).filter(r -> Double.isFinite(r) && r > 0).map(Math::log).toArray();
        if (logs.length == 0) {
            return new FingerprintComparison(CompareVerdict.INCONCLUSIVE, fingerprint, countA, countB, minPerRound,
                    pooledA[0], pooledA[1], pooledA[2], pooledB[0], pooledB[1], pooledB[2], Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    countA == 0 ? "only on B" : countB == 0 ? "only on A" : "never on both sides in one round", ratios);
        }
        ChangeDecision d = ChangeDecision.of(logs, s.floor(), s.pMax(), s.confidence());
        String stats = String.format(Locale.ROOT, "median ratio x%.3f [%.3f, %.3f] over %d rounds, p(slower)=%.4f, p(faster)=%.4f",
                d.medianRatio(), d.low(), d.high(), logs.length, d.pSlower(), d.pFaster());
        CompareVerdict v;
        String reason;
        if (minPerRound < s.minCount()) {
            v = CompareVerdict.INCONCLUSIVE;
            reason = "too few executions (" + minPerRound + " in a replay, " + s.minCount() + " needed); " + stats;
        } else if (d.slower()) {
            v = CompareVerdict.SLOWER;
            reason = stats;
        } else if (d.faster()) {
            v = CompareVerdict.FASTER;
            reason = stats;
        } else if (d.tooWide()) {
            v = CompareVerdict.INCONCLUSIVE;
            reason = "interval wider than 2 x floor: " + stats;
        } else {
            v = CompareVerdict.SAME;
            reason = stats;
        }
        return new FingerprintComparison(v, fingerprint, countA, countB, minPerRound, pooledA[0], pooledA[1], pooledA[2],
                pooledB[0], pooledB[1], pooledB[2], d.medianRatio(), d.low(), d.high(), d.pSlower(), d.pFaster(), d.logMad(),
                reason, ratios);
    }

    /** |log median ratio|: the size of the move either way, unknown last. */
    public double magnitude() {
        return Double.isFinite(medianRatio) && medianRatio > 0 ? Math.abs(Math.log(medianRatio)) : -1;
    }
}
