package dev.pglab.reports;

import dev.pglab.ci.KeyVerdict;
import dev.pglab.ci.Verdict;
import dev.pglab.harness.text.Human;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One key's change as the overview draws it: the measure that decided its verdict (bytes/op, A/B timing, timing
 * against the baseline, or a counter), baseline and current in that measure's unit, and the change as a
 * slowdown ratio with its interval, so "worse" is always above 1 whatever the unit (throughput included).
 *
 * @param ratio     worse-normalised: current/baseline for a cost, baseline/current for a rate; NaN when unknown
 * @param tags      short words for the chart ("bytes/op", "load", "wide interval"); the long text is {@code reasons}
 */
public record Change(String module, String keyId, String name, Verdict verdict, Measure measure, String unit,
                     double baseline, double current, double ratio, double low, double high, List<String> tags,
                     List<String> reasons) {

    /** Which number the change is about. */
    public enum Measure {
        BYTES("bytes/op", "more bytes", "fewer bytes"),
        AB("A/B time", "slower", "faster"),
        TIME("time", "slower", "faster"),
        COUNTER("counter", "more", "fewer"),
        NONE("", "worse", "better");

        final String label;
        final String worse;
        final String better;

        Measure(String label, String worse, String better) {
            this.label = label;
            this.worse = worse;
            this.better = better;
        }
    }

    /** REGRESSION, then MISSING, on top; then the largest change first (in either direction). */
    public static final Comparator<Change> ORDER = Comparator.comparingInt(Change::urgency)
            .thenComparing(Comparator.comparingDouble(Change::magnitude).reversed())
            .thenComparing(Change::keyId);

    int urgency() {
        return switch (verdict) {
            case REGRESSION -> 0;
            case MISSING -> 1;
            default -> 2;
        };
    }

    /** |log ratio|: a halving and a doubling are the same size; unknown sorts last. */
    public double magnitude() {
        return Double.isFinite(ratio) && ratio > 0 ? Math.abs(Math.log(ratio)) : -1;
    }

    /** "1.8× slower", "12 % faster", "0 → 26 B/op" (a change from nothing has no ratio worth reading). */
    public String changeText() {
        if (measure == Measure.BYTES && baseline < 1 && current >= 1) {
            return Human.value(baseline, unit) + " → " + Human.value(current, unit);
        }
        return Human.slowdown(ratio, measure.worse, measure.better);
    }

    /** "[1.5×, 2.1×]" when the change has an interval. */
    public String intervalText() {
        return Double.isFinite(low) && Double.isFinite(high) ? "[" + Human.num(low) + "×, " + Human.num(high) + "×]" : "";
    }

    /** From the gate's verdict of one key: the measure with the worst verdict decides, the larger change breaks ties. */
    public static Change of(KeyVerdict k) {
        List<Change> candidates = new ArrayList<>();
        List<String> tags = tags(k);
        var a = k.alloc();
        if (a != null) {
            // ratio of bytes with a floor of 1 B: 0 -> 26 B/op is 26x, not infinitely, worse
            double ratio = Math.max(a.current(), 1) / Math.max(a.baseline(), 1);
            candidates.add(new Change(k.module(), k.key(), k.name(), a.verdict(), Measure.BYTES, "B/op", a.baseline(),
                    a.current(), ratio, Double.NaN, Double.NaN, tags, k.reasons()));
        }
        var ab = k.ab();
        if (ab != null) {
            candidates.add(new Change(k.module(), k.key(), k.name(), ab.verdict(), Measure.AB, "", Double.NaN, Double.NaN,
                    ab.medianRatio(), ab.low(), ab.high(), tags, k.reasons()));
        }
        var t = k.timing();
        if (t != null) {
            candidates.add(new Change(k.module(), k.key(), k.name(), t.verdict(), Measure.TIME, k.unit(),
                    t.baselineMedian(), t.currentMedian(), t.ratio(), t.low(), t.high(), tags, k.reasons()));
        }
        if (k.counters() != null) {
            for (var c : k.counters()) {
                candidates.add(new Change(k.module(), k.key(), k.name() + " · " + c.name(), c.verdict(), Measure.COUNTER,
                        "/op", c.baseline(), c.current(), c.baseline() > 0 ? c.current() / c.baseline() : Double.NaN,
                        Double.NaN, Double.NaN, tags, k.reasons()));
            }
        }
        Change best = candidates.stream()
                .min(Comparator.comparing(Change::verdict).thenComparing(Comparator.comparingDouble(Change::magnitude).reversed()))
                .orElse(null);
        if (best == null) {
            return new Change(k.module(), k.key(), k.name(), k.verdict(), Measure.NONE, k.unit(), Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, tags, k.reasons());
        }
        // the row carries the key's verdict; the measure is the one that explains it
        return new Change(best.module, best.keyId, k.name(), k.verdict(), best.measure, best.unit, best.baseline,
                best.current, best.ratio, best.low, best.high, tags, k.reasons());
    }

    /** Short words for what the gate looked at and found. */
    static List<String> tags(KeyVerdict k) {
        List<String> tags = new ArrayList<>();
        if (k.verdict() == Verdict.MISSING) {
            tags.add("missing");
        }
        if (k.verdict() == Verdict.NEW) {
            tags.add("no baseline");
        }
        if (k.verdict() == Verdict.NOT_COMPARABLE) {
            tags.add("other machine");
        }
        var a = k.alloc();
        if (a != null && a.verdict() != Verdict.PASS) {
            tags.add("bytes/op " + a.forksOver() + "/" + a.forks() + " forks over");
        }
        if (k.counters() != null) {
            k.counters().stream().filter(c -> c.verdict() != Verdict.PASS).forEach(c -> tags.add("counter " + c.name()));
        }
        var t = k.timing();
        if (t != null) {
            if (t.catastrophic()) {
                tags.add("catastrophic");
            }
            if (Boolean.FALSE.equals(t.loadClean())) {
                tags.add("load " + Human.num(t.maxLoadPerCore()) + "/core");
            }
            if ("SLOWER".equals(t.comparison()) || "FASTER".equals(t.comparison())) {
                tags.add("time " + t.comparison().toLowerCase(java.util.Locale.ROOT) + " (advisory)");
            }
            if (t.verdict() == Verdict.INCONCLUSIVE && Boolean.TRUE.equals(t.loadClean())) {
                tags.add("wide interval");
            }
        }
        var ab = k.ab();
        if (ab != null) {
            tags.add("A/B p=" + Human.num(ab.pValue()));
        }
        if (k.expected() != null) {
            tags.add("expected");
        }
        return List.copyOf(tags);
    }
}
