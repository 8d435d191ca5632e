package dev.pglab.ci;

import dev.pglab.ci.BaselineStore.Located;
import dev.pglab.harness.result.BenchmarkKey;
import dev.pglab.harness.result.KeyResult;
import dev.pglab.harness.result.RunResults;
import dev.pglab.harness.stats.HierarchicalBootstrap;
import dev.pglab.harness.stats.Summary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges fresh results against committed baselines, key by key (benchmark + sorted params + mode), the fork
 * being the sample:
 * <ul>
 *   <li>bytes/op (hard): REGRESSION when the median over forks exceeds baseline x 1.02 + 16 B and at least 2/3
 *       of forks do; over the line on fewer forks is INCONCLUSIVE (bimodal escape analysis).</li>
 *   <li>domain counters per op (hard): equal within 1 %, on at least 2/3 of forks.</li>
 *   <li>timing (advisory): hierarchical bootstrap interval of the ratio of fork medians; REGRESSION only when
 *       even the fastest current fork is 3x slower than the slowest baseline fork under a clean load guard;
 *       INCONCLUSIVE when load or steal was high during a fork or the interval is wider than 2T.</li>
 * </ul>
 * Another fingerprint's baseline with the same JDK and flags still runs the hard rules; timing is then
 * NOT-COMPARABLE. A baseline with another JDK or flags compares nothing (NOT-COMPARABLE).
 */
public final class Gate {
    private final GateConfig config;
    private final HierarchicalBootstrap bootstrap = HierarchicalBootstrap.standard();

    public Gate(GateConfig config) {
        this.config = config;
    }

    /** Every key of every run, against the store's baselines. */
    public List<KeyVerdict> judge(List<RunResults> runs, BaselineStore store) throws IOException {
        List<KeyVerdict> all = new ArrayList<>();
        for (RunResults run : runs) {
            all.addAll(judge(run, store.find(run)));
        }
        return all;
    }

    public List<KeyVerdict> judge(RunResults run, Optional<Located> located) {
        List<KeyVerdict> verdicts = new ArrayList<>();
        if (located.isEmpty()) {
            for (KeyResult k : run.keys()) {
                verdicts.add(simple(k, Verdict.NEW, null, "no baseline for " + run.fingerprintId() + "/" + run.module()
                        + ".json: record one with -Dpglab.baseline=update"));
            }
            return verdicts;
        }
        Located loc = located.get();
        Baseline base = loc.baseline();
        Map<String, Baseline.Entry> entries = base.benchmarks() == null ? Map.of() : base.benchmarks();
        Set<String> seen = new HashSet<>();
        for (KeyResult k : run.keys()) {
            String id = k.key().id();
            seen.add(id);
            Baseline.Entry entry = entries.get(id);
            if (entry == null) {
                verdicts.add(simple(k, Verdict.NEW, base.fingerprintId(), "key not in the baseline"));
            } else if (!loc.sameFingerprint() && !loc.sameJvm()) {
                verdicts.add(simple(k, Verdict.NOT_COMPARABLE, base.fingerprintId(), "baseline from "
                        + base.fingerprintId() + " with another JDK or benchmark JVM flags: nothing compares"));
            } else {
                KeyVerdict v = compare(k, entry, base, loc.sameFingerprint());
                verdicts.add(unwarmed(run, base) ? softenHard(v, base) : v);
            }
        }
        for (String id : entries.keySet()) {
            if (!seen.contains(id)) {
                BenchmarkKey key = BenchmarkKey.parse(id);
                verdicts.add(new KeyVerdict(run.module(), id, key.shortName(), entries.get(id).unit(), Verdict.MISSING,
                        base.fingerprintId(), null, List.of(), null, null, null,
                        List.of("in the baseline but not in this run (renamed, removed, or excluded by -Dpglab.include)")));
            }
        }
        return verdicts;
    }

    /**
     * A smoke run has no warm-up iterations: its single iteration includes interpreted and C1 code, whose
     * allocations escape analysis has not removed yet and which runs slower, so neither its bytes/op nor its
     * time (the catastrophic rule) compare with a warmed baseline.
     */
    static boolean unwarmed(RunResults run, Baseline base) {
        return "smoke".equals(run.budget()) && base.source() != null && !"smoke".equals(base.source().budget());
    }

    private static KeyVerdict softenHard(KeyVerdict v, Baseline base) {
        if (v.verdict() != Verdict.REGRESSION) {
            return v;
        }
        List<String> reasons = new ArrayList<>(v.reasons());
        reasons.add("smoke budget (no warm-up) against a " + base.source().budget()
                + " baseline: unwarmed code allocates more and runs slower, so not a REGRESSION; rerun at that budget");
        return new KeyVerdict(v.module(), v.key(), v.name(), v.unit(), Verdict.INCONCLUSIVE, v.baselineFingerprint(),
                v.alloc(), v.counters(), v.timing(), v.ab(), v.expected(), reasons);
    }

    private static KeyVerdict simple(KeyResult k, Verdict v, String fp, String reason) {
        return new KeyVerdict(k.module(), k.key().id(), k.key().shortName(), k.unit(), v, fp, null, List.of(), null,
                null, null, List.of(reason));
    }

    KeyVerdict compare(KeyResult cur, Baseline.Entry entry, Baseline base, boolean sameFingerprint) {
        String id = cur.key().id();
        List<String> reasons = new ArrayList<>();
        Verdict overall = Verdict.PASS;

        KeyVerdict.AllocCheck alloc = null;
        if (cur.hasAlloc() && entry.allocForks() != null && entry.allocForks().length > 0) {
            alloc = allocCheck(cur.allocForks(), entry.allocForks(), base.expectedFor(id, "alloc"));
            overall = Verdict.worse(overall, alloc.verdict());
            if (alloc.verdict() != Verdict.PASS) {
                reasons.add(String.format(Locale.ROOT, "bytes/op %.1f -> %.1f (limit %.1f; %d of %d forks over)",
                        alloc.baseline(), alloc.current(), alloc.limit(), alloc.forksOver(), alloc.forks()));
            }
        } else if (cur.hasAlloc() != (entry.allocForks() != null && entry.allocForks().length > 0)) {
            reasons.add("bytes/op only on one side (run with -prof gc on both)");
        }

        List<KeyVerdict.CounterCheck> counters = new ArrayList<>();
        Map<String, double[]> baseCounters = entry.counters() == null ? Map.of() : entry.counters();
        for (var e : baseCounters.entrySet()) {
            double[] now = cur.counters().get(e.getKey());
            if (now == null) {
                counters.add(new KeyVerdict.CounterCheck(e.getKey(), Verdict.INCONCLUSIVE, Summary.median(e.getValue()),
                        Double.NaN, Double.NaN));
                reasons.add("counter " + e.getKey() + " no longer reported");
                overall = Verdict.worse(overall, Verdict.INCONCLUSIVE);
                continue;
            }
            var c = counterCheck(e.getKey(), now, e.getValue(), base.expectedFor(id, e.getKey()));
            counters.add(c);
            overall = Verdict.worse(overall, c.verdict());
            if (c.verdict() != Verdict.PASS) {
                reasons.add(c.name() + " " + fmt(c.baseline()) + " -> " + fmt(c.current()) + " ("
                        + dev.pglab.harness.text.Human.percent(1 + c.change()) + "): if intended, update the baseline");
            }
        }

        KeyVerdict.TimingCheck timing = timingCheck(cur, entry, base.expectedFor(id, "time"), sameFingerprint, reasons);
        if (sameFingerprint) {
            overall = Verdict.worse(overall, timing.verdict());
        } else if (alloc == null && counters.isEmpty()) {
            overall = Verdict.NOT_COMPARABLE;
            reasons.add("baseline from " + base.fingerprintId() + " and no bytes/op or counters to compare");
        }
        Baseline.Expected expected = base.expected() == null ? null : base.expected().get(id);
        if (expected != null && overall != Verdict.REGRESSION) {
            reasons.add("declared expected regression (" + expected.metric() + " <= x" + expected.bound() + "): "
                    + expected.reason());
        }
        return new KeyVerdict(cur.module(), id, cur.key().shortName(), cur.unit(), overall, base.fingerprintId(), alloc,
                counters, timing, null, expected, reasons);
    }

    public KeyVerdict.AllocCheck allocCheck(double[] current, double[] baseline, Baseline.Expected expected) {
        double base = Summary.median(baseline);
        double bound = expected == null ? 1.0 : expected.bound();
        double slack = expected == null ? 0 : expected.slack();
        // the line starts from the baseline's largest fork: where bytes/op are deterministic that is the median to
        // 0.01 %, and where a fork can land in one of two modes (a JDBC client's buffers, e.g. 20.7K or 40.1K B/op
        // in CDC forks) a current fork in the other mode is not a regression
        double limit = Summary.max(baseline) * bound * (1 + config.allocRelative()) + config.allocAbsolute() + slack;
        double cur = Summary.median(current);
        int over = 0;
        for (double v : current) {
            if (v > limit) {
                over++;
            }
        }
        boolean enoughForks = over * 3 >= 2 * current.length;
        Verdict v = cur > limit ? (enoughForks ? Verdict.REGRESSION : Verdict.INCONCLUSIVE) : Verdict.PASS;
        return new KeyVerdict.AllocCheck(v, base, cur, limit, over, current.length);
    }

    KeyVerdict.CounterCheck counterCheck(String name, double[] current, double[] baseline, Baseline.Expected expected) {
        double base = Summary.median(baseline);
        double cur = Summary.median(current);
        double tol = Math.max(config.counterTolerance() * Math.abs(base), 1e-9);
        double upper = expected == null ? base + tol : base * expected.bound() + expected.slack() + tol;
        double lower = base - tol;
        int off = 0;
        for (double v : current) {
            if (v > upper || v < lower) {
                off++;
            }
        }
        boolean outside = cur > upper || cur < lower;
        Verdict v = !outside ? Verdict.PASS : (off * 3 >= 2 * current.length ? Verdict.REGRESSION : Verdict.INCONCLUSIVE);
        return new KeyVerdict.CounterCheck(name, v, base, cur, base == 0 ? (cur == 0 ? 0 : Double.POSITIVE_INFINITY) : cur / base - 1);
    }

    KeyVerdict.TimingCheck timingCheck(KeyResult cur, Baseline.Entry entry, Baseline.Expected expected,
                                       boolean sameFingerprint, List<String> reasons) {
        boolean higherBetter = cur.key().higherIsBetter();
        double[] curForks = cur.forkMedians();
        double[] baseForks = Summary.rowMedians(entry.raw());
        double baseMedian = Summary.median(baseForks);
        double curMedian = Summary.median(curForks);
        double ratio = higherBetter ? baseMedian / curMedian : curMedian / baseMedian;
        double t = config.threshold(entry.noise());
        double bound = expected == null ? 1.0 : expected.bound();

        double maxLoad = cur.loads().stream().mapToDouble(KeyResult.ForkLoadReading::maxLoadPerCore).max().orElse(Double.NaN);
        double maxSteal = cur.loads().stream().mapToDouble(KeyResult.ForkLoadReading::steal).max().orElse(Double.NaN);
        Boolean clean = cur.loads().isEmpty() || Double.isNaN(maxLoad) ? null
                : maxLoad <= config.guard().maxLoadPerCore() && !(maxSteal > config.guard().maxSteal());

        if (!sameFingerprint) {
            return new KeyVerdict.TimingCheck(Verdict.NOT_COMPARABLE, "UNKNOWN", baseMedian, curMedian, ratio, Double.NaN,
                    Double.NaN, t, clean, maxLoad, maxSteal, false);
        }
        // even the best current fork worse than the worst baseline fork by the catastrophic factor
        boolean catastrophic = higherBetter
                ? Summary.max(curForks) * config.catastrophic() * bound < Summary.min(baseForks)
                : Summary.min(curForks) > config.catastrophic() * bound * Summary.max(baseForks);

        double low = Double.NaN;
        double high = Double.NaN;
        String comparison = "UNKNOWN";
        boolean oneFork = curForks.length < 2 || baseForks.length < 2;
        if (!oneFork) {
            var ci = bootstrap.ratioOfMedians(entry.raw(), cur.raw(), config.confidence());
            low = higherBetter ? 1 / ci.high() : ci.low();
            high = higherBetter ? 1 / ci.low() : ci.high();
            comparison = low > bound * (1 + t) ? "SLOWER" : high < 1 - t ? "FASTER" : "SAME";
        }

        Verdict v;
        if (catastrophic && curForks.length < 2) {
            v = Verdict.INCONCLUSIVE;
            reasons.add("catastrophic-looking slowdown (x" + fmt(ratio) + ") from a single fork: one preempted fork "
                    + "can look like this; rerun with 2+ forks (quick or full budget)");
        } else if (catastrophic && Boolean.TRUE.equals(clean)) {
            v = Verdict.REGRESSION;
            reasons.add(String.format(Locale.ROOT, "catastrophic slowdown: every fork %.1fx+ slower than the slowest baseline fork",
                    config.catastrophic() * bound));
        } else if (catastrophic) {
            v = Verdict.INCONCLUSIVE;
            reasons.add("catastrophic-looking slowdown (x" + fmt(ratio) + ") but the load guard was "
                    + (clean == null ? "not recorded" : "not clean") + ": rerun on a quiet machine");
        } else if (Boolean.FALSE.equals(clean)) {
            v = Verdict.INCONCLUSIVE;
            reasons.add(String.format(Locale.ROOT, "load guard: load per core up to %.2f (limit %.2f), steal up to %.1f %% (limit %.1f %%)",
                    maxLoad, config.guard().maxLoadPerCore(), 100 * maxSteal, 100 * config.guard().maxSteal()));
        } else if (entry.maxLoadPerCore() > config.guard().maxLoadPerCore()) {
            // a loaded baseline only makes the catastrophic rule less sensitive, never wrong; an interval is
            v = Verdict.INCONCLUSIVE;
            reasons.add(String.format(Locale.ROOT, "the baseline was measured at load per core up to %.2f (limit %.2f): "
                    + "re-measure it on a quiet machine to compare timings", entry.maxLoadPerCore(),
                    config.guard().maxLoadPerCore()));
        } else if (oneFork) {
            v = Verdict.INCONCLUSIVE;
            reasons.add("timing from one fork: no interval (use the quick or full budget)");
        } else if (high - low > 2 * t) {
            v = Verdict.INCONCLUSIVE;
            reasons.add(String.format(Locale.ROOT, "timing interval [%s, %s] wider than 2T = %.0f %%", fmt(low), fmt(high), 200 * t));
        } else {
            v = Verdict.PASS;
            if ("SLOWER".equals(comparison)) {
                reasons.add(String.format(Locale.ROOT, "advisory: slower x%s [%s, %s] than the baseline (timing is gated by A/B only)",
                        fmt(ratio), fmt(low), fmt(high)));
            }
        }
        return new KeyVerdict.TimingCheck(v, comparison, baseMedian, curMedian, ratio, low, high, t, clean, maxLoad, maxSteal,
                catastrophic);
    }

    /** Numbers in reasons are read by people: 3 significant digits, never scientific notation. */
    static String fmt(double v) {
        return dev.pglab.harness.text.Human.num(v);
    }
}
