package dev.pglab.ci.ab;

import dev.pglab.harness.result.BenchmarkKey;
import dev.pglab.ci.Gate;
import dev.pglab.ci.GateConfig;
import dev.pglab.ci.KeyVerdict;
import dev.pglab.ci.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The hard timing gate: interleaved A/B of base and head on a sentinel set, one automatic rerun of flagged keys,
 * plus the bytes/op rule with the base side's forks as the reference. REGRESSION needs: median round ratio above
 * 1 + T, Wilcoxon p below 0.01, at most a third of rounds under a dirty load guard, and the rerun agreeing
 * (or bytes/op over its line on 2/3 of rounds). A flag the rerun does not confirm, or a dirty load, is
 * INCONCLUSIVE; so is an interval of the median ratio wider than 2T.
 */
public final class AbGate {
    private final AbSettings settings;
    private final AbRunner runner;
    private final Gate allocRule;
    private final Consumer<String> progress;

    public AbGate(AbSettings settings, AbRunner runner, Consumer<String> progress) {
        this.settings = settings;
        this.runner = runner;
        this.allocRule = new Gate(GateConfig.standard());
        this.progress = progress;
    }

    /** One key's outcome with both passes (the rerun is null when the first pass flagged nothing). */
    public record Outcome(String module, BenchmarkKey key, Verdict verdict, AbAnalysis first, AbAnalysis rerun,
                          KeyVerdict.AllocCheck alloc, List<AbRound> rounds, List<String> reasons) {

        public KeyVerdict.AbCheck check() {
            AbAnalysis a = rerun != null ? rerun : first;
            return new KeyVerdict.AbCheck(verdict, first.medianRatio(), first.low(), first.high(), first.pValue(),
                    first.threshold(), first.ratios().length, rerun != null && rerun.flagged(), first.ratios());
        }

        public KeyVerdict toKeyVerdict(String fingerprintId) {
            return new KeyVerdict(module, key.id(), key.shortName(), "", verdict, fingerprintId, alloc, List.of(), null,
                    check(), null, reasons);
        }
    }

    /**
     * @param thresholds T per key (from the baselines' calibrated noise; absent keys get the 10 % floor)
     */
    public List<Outcome> judge(String module, List<BenchmarkKey> keys, AbSide base, AbSide head,
                               Map<String, Double> thresholds) throws IOException, InterruptedException {
        Map<BenchmarkKey, List<AbRound>> firstPass = runner.run(keys, base, head, module);
        List<BenchmarkKey> flagged = new ArrayList<>();
        Map<BenchmarkKey, AbAnalysis> analyses = new java.util.HashMap<>();
        for (BenchmarkKey k : keys) {
            AbAnalysis a = AbAnalysis.of(firstPass.get(k), k.higherIsBetter(), threshold(k, thresholds), settings);
            analyses.put(k, a);
            if (a.flagged()) {
                flagged.add(k);
            }
        }
        Map<BenchmarkKey, List<AbRound>> secondPass = Map.of();
        if (!flagged.isEmpty()) {
            progress.accept("A/B: " + flagged.size() + " key(s) flagged, rerunning them once to confirm");
            secondPass = runner.run(flagged, base, head, module + "-rerun");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (BenchmarkKey k : keys) {
            AbAnalysis a = analyses.get(k);
            AbAnalysis again = secondPass.containsKey(k)
                    ? AbAnalysis.of(secondPass.get(k), k.higherIsBetter(), threshold(k, thresholds), settings) : null;
            outcomes.add(decide(module, k, a, again, firstPass.get(k)));
        }
        return outcomes;
    }

    private double threshold(BenchmarkKey k, Map<String, Double> thresholds) {
        return Math.max(settings.minThreshold(), thresholds.getOrDefault(k.id(), settings.minThreshold()));
    }

    Outcome decide(String module, BenchmarkKey k, AbAnalysis a, AbAnalysis again, List<AbRound> rounds) {
        List<String> reasons = new ArrayList<>();
        double[] baseAlloc = rounds.stream().mapToDouble(AbRound::baseAlloc).filter(Double::isFinite).toArray();
        double[] headAlloc = rounds.stream().mapToDouble(AbRound::headAlloc).filter(Double::isFinite).toArray();
        KeyVerdict.AllocCheck alloc = baseAlloc.length > 0 && headAlloc.length > 0
                ? allocRule.allocCheck(headAlloc, baseAlloc, null) : null;
        Verdict v = Verdict.PASS;
        if (alloc != null && alloc.verdict() != Verdict.PASS) {
            v = alloc.verdict();
            reasons.add(String.format(Locale.ROOT, "bytes/op base %.1f -> head %.1f (limit %.1f; %d of %d rounds over)",
                    alloc.baseline(), alloc.current(), alloc.limit(), alloc.forksOver(), alloc.forks()));
        }
        String stats = String.format(Locale.ROOT, "median round ratio x%.3f [%.3f, %.3f], Wilcoxon p=%.4f, T=%.0f %%",
                a.medianRatio(), a.low(), a.high(), a.pValue(), 100 * a.threshold());
        boolean dirty = a.dirtyRounds() * 3 > a.ratios().length;
        if (a.flagged()) {
            boolean confirmed = again != null && again.flagged();
            boolean dirtyAgain = again != null && again.dirtyRounds() * 3 > again.ratios().length;
            if (confirmed && !dirty && !dirtyAgain) {
                v = Verdict.REGRESSION;
                reasons.add("slower: " + stats + "; rerun x" + String.format(Locale.ROOT, "%.3f p=%.4f",
                        again.medianRatio(), again.pValue()) + " agrees");
            } else {
                v = Verdict.worse(v, Verdict.INCONCLUSIVE);
                reasons.add("slower in the first pass (" + stats + ") but "
                        + (!confirmed ? "the rerun did not confirm it" : "the load guard was dirty in over a third of rounds"));
            }
        } else if (dirty) {
            v = Verdict.worse(v, Verdict.INCONCLUSIVE);
            reasons.add("load guard dirty in " + a.dirtyRounds() + " of " + a.ratios().length + " rounds; " + stats);
        } else if (a.tooWide()) {
            v = Verdict.worse(v, Verdict.INCONCLUSIVE);
            reasons.add("interval wider than 2T: " + stats);
        } else {
            reasons.add(stats);
        }
        return new Outcome(module, k, v, a, again, alloc, rounds, reasons);
    }

    /** Rounds in a readable line, for logs. */
    public static String describe(Outcome o) {
        return o.key().shortName() + ": " + o.verdict().label() + " ratios "
                + Arrays.toString(Arrays.stream(o.first().ratios()).mapToObj(r -> String.format(Locale.ROOT, "%.2f", r)).toArray())
                + " " + String.join("; ", o.reasons().stream().filter(Objects::nonNull).toList());
    }
}
