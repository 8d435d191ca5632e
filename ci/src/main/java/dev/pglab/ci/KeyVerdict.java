package dev.pglab.ci;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The gate's judgement of one key, with every number behind it. {@code timing.ratio} is a slowdown ratio:
 * above 1 is worse whatever the mode (for throughput it is baseline / current).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyVerdict(String module, String key, String name, String unit, Verdict verdict,
                         String baselineFingerprint, AllocCheck alloc, List<CounterCheck> counters, TimingCheck timing,
                         AbCheck ab, Baseline.Expected expected, List<String> reasons) {

    /** bytes/op: the hard rule. */
    public record AllocCheck(Verdict verdict, double baseline, double current, double limit, int forksOver, int forks) {
    }

    /** A domain counter per op: exact or within tolerance. */
    public record CounterCheck(String name, Verdict verdict, double baseline, double current, double change) {
    }

    /**
     * Timing against the committed baseline: advisory except the catastrophic rule. {@code comparison} is
     * SLOWER / FASTER / SAME (interval against T) or UNKNOWN.
     */
    public record TimingCheck(Verdict verdict, String comparison, double baselineMedian, double currentMedian,
                              double ratio, double low, double high, double threshold, Boolean loadClean,
                              double maxLoadPerCore, double maxSteal, boolean catastrophic) {
    }

    /**
     * Timing from the same-job interleaved A/B run (hard). {@code detectable}: the smallest slowdown this run could
     * have flagged (a ratio share, e.g. 0.15; infinite when none); {@code stop}: how its rounds ended.
     */
    public record AbCheck(Verdict verdict, double medianRatio, double low, double high, double pValue,
                          double threshold, int rounds, boolean rerunAgreed, double[] roundRatios, double detectable,
                          String stop) {
    }

    /** How large the change is, for sorting: the largest relative move of bytes/op or time. */
    public double changeMagnitude() {
        double m = 0;
        if (alloc != null && alloc.baseline() > 0) {
            m = Math.max(m, Math.abs(alloc.current() / alloc.baseline() - 1));
        } else if (alloc != null) {
            m = Math.max(m, Math.abs(alloc.current() - alloc.baseline()) / 16);
        }
        if (timing != null && Double.isFinite(timing.ratio())) {
            m = Math.max(m, Math.abs(timing.ratio() - 1));
        }
        if (ab != null && Double.isFinite(ab.medianRatio())) {
            m = Math.max(m, Math.abs(ab.medianRatio() - 1));
        }
        return m;
    }

    public KeyVerdict withAb(AbCheck check, Verdict combined, List<String> moreReasons) {
        List<String> r = new java.util.ArrayList<>(reasons);
        r.addAll(moreReasons);
        return new KeyVerdict(module, key, name, unit, combined, baselineFingerprint, alloc, counters, timing, check,
                expected, r);
    }
}
