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

    /** The same gate, its progress (and its runner's) sent to {@code to}. */
    public AbGate reporting(Consumer<String> to) {
        return new AbGate(settings, runner.reporting(to), to);
    }

    /**
     * One key's outcome with both passes (the rerun is null when the first pass flagged nothing); {@code stop} says
     * how the first pass ended for it (decided early, all rounds, time budget); {@code arm} the target's arm
     * (calibration), empty for the plain gate.
     */
    public record Outcome(String module, BenchmarkKey key, Verdict verdict, AbAnalysis first, AbAnalysis rerun,
                          KeyVerdict.AllocCheck alloc, List<AbRound> rounds, List<String> reasons, String stop,
                          String arm) {

        public KeyVerdict.AbCheck check(AbSettings settings) {
            return new KeyVerdict.AbCheck(verdict, first.medianRatio(), first.low(), first.high(), first.pValue(),
                    first.threshold(), first.ratios().length, rerun != null && rerun.flagged(), first.ratios(),
                    detectable(settings), stop);
        }

        /**
         * The smallest slowdown this key's run could have detected; nothing (infinite) when the time budget cut it
         * off before the rounds a REGRESSION needs.
         */
        public double detectable(AbSettings settings) {
            boolean cutShort = stop != null && stop.startsWith("time budget")
                    && first.ratios().length < settings.roundsForSignificance();
            return cutShort ? Double.POSITIVE_INFINITY : first.detectableSlowdown(settings);
        }

        Outcome ofArm(String name) {
            return new Outcome(module, key, verdict, first, rerun, alloc, rounds, reasons, stop, name);
        }

        public KeyVerdict toKeyVerdict(String fingerprintId, AbSettings settings) {
            return new KeyVerdict(module, key.id(), key.shortName(), "", verdict, fingerprintId, alloc, List.of(), null,
                    check(settings), null, reasons);
        }
    }

    /** One module, every round, no deadline. */
    public List<Outcome> judge(String module, List<BenchmarkKey> keys, AbSide base, AbSide head,
                               Map<String, Double> thresholds) throws IOException, InterruptedException {
        return judge(List.of(new AbRunner.Target(module, keys, base, head)), thresholds, null).outcomes();
    }

    /** Outcomes of the keys that ran, and the keys that could not (with why). */
    public record Judgement(List<Outcome> outcomes, Map<String, String> skipped) {
    }

    /**
     * @param thresholds T per key (from the baselines' calibrated noise; absent keys get the 10 % floor)
     * @param deadline   when the whole A/B run must end (null: none); the rerun of flagged keys gets what is left
     */
    public Judgement judge(List<AbRunner.Target> targets, Map<String, Double> thresholds, java.time.Instant deadline)
            throws IOException, InterruptedException {
        AbRunner.Pass firstPass = runner.run(targets, "first", deadline, k -> threshold(k, thresholds), settings.sequential());
        List<AbRunner.Target> flagged = new ArrayList<>();
        Map<String, AbAnalysis> analyses = new java.util.HashMap<>();
        for (AbRunner.Target t : targets) {
            List<BenchmarkKey> flaggedHere = new ArrayList<>();
            for (BenchmarkKey k : t.keys()) {
                List<AbRound> rounds = firstPass.roundsOf(t.unit(), k);
                if (rounds.isEmpty()) {
                    continue;
                }
                AbAnalysis a = AbAnalysis.of(rounds, k.higherIsBetter(), threshold(k, thresholds), settings);
                analyses.put(AbRunner.Pass.id(t.unit(), k), a);
                if (a.flagged()) {
                    flaggedHere.add(k);
                }
            }
            if (!flaggedHere.isEmpty()) {
                flagged.add(t.withKeys(flaggedHere));
            }
        }
        AbRunner.Pass secondPass = null;
        if (!flagged.isEmpty()) {
            progress.accept("A/B: " + flagged.stream().mapToInt(t -> t.keys().size()).sum()
                    + " key(s) flagged, rerunning them once to confirm");
            secondPass = runner.run(flagged, "rerun", deadline, k -> threshold(k, thresholds), settings.sequential());
        }
        Map<String, String> skipped = new java.util.TreeMap<>(firstPass.skipped());
        List<Outcome> outcomes = new ArrayList<>();
        for (AbRunner.Target t : targets) {
            for (BenchmarkKey k : t.keys()) {
                String id = AbRunner.Pass.id(t.unit(), k);
                AbAnalysis a = analyses.get(id);
                if (a == null) {
                    skipped.putIfAbsent(id, firstPass.stops().getOrDefault(id, "no round ran within the time budget"));
                    continue;
                }
                List<AbRound> again = secondPass == null ? List.of() : secondPass.roundsOf(t.unit(), k);
                AbAnalysis b = again.isEmpty() ? null
                        : AbAnalysis.of(again, k.higherIsBetter(), threshold(k, thresholds), settings);
                Outcome o = decide(t.module(), k, a, b, firstPass.roundsOf(t.unit(), k), firstPass.stopOf(t.unit(), k))
                        .ofArm(t.arm());
                if (a.flagged() && b == null) {
                    o = withReason(o, Verdict.INCONCLUSIVE, "no time left in the budget to rerun it");
                } else if (!a.flagged() && firstPass.stopOf(t.unit(), k) != null
                        && firstPass.stopOf(t.unit(), k).startsWith("time budget") && o.verdict() == Verdict.PASS
                        && a.ratios().length < settings.roundsForSignificance()) {
                    o = withReason(o, Verdict.INCONCLUSIVE, "only " + a.ratios().length + " round(s) before the time budget ran out");
                }
                outcomes.add(o);
            }
        }
        return new Judgement(outcomes, skipped);
    }

    private static Outcome withReason(Outcome o, Verdict v, String reason) {
        List<String> reasons = new ArrayList<>(o.reasons());
        reasons.add(reason);
        return new Outcome(o.module(), o.key(), Verdict.worse(o.verdict(), v), o.first(), o.rerun(), o.alloc(), o.rounds(),
                reasons, o.stop(), o.arm());
    }

    private double threshold(BenchmarkKey k, Map<String, Double> thresholds) {
        return Math.max(settings.minThreshold(), thresholds.getOrDefault(k.id(), settings.minThreshold()));
    }

    Outcome decide(String module, BenchmarkKey k, AbAnalysis a, AbAnalysis again, List<AbRound> rounds) {
        return decide(module, k, a, again, rounds, null);
    }

    Outcome decide(String module, BenchmarkKey k, AbAnalysis a, AbAnalysis again, List<AbRound> rounds, String stop) {
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
        boolean cutShort = stop != null && stop.startsWith("time budget") && a.ratios().length < settings.roundsForSignificance();
        String stats = String.format(Locale.ROOT, "median round ratio x%.3f [%.3f, %.3f] over %d rounds, Wilcoxon p=%.4f, "
                        + "T=%.0f %%, smallest detectable slowdown %s", a.medianRatio(), a.low(), a.high(), a.ratios().length,
                a.pValue(), 100 * a.threshold(), percent(cutShort ? Double.POSITIVE_INFINITY : a.detectableSlowdown(settings)));
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
        return new Outcome(module, k, v, a, again, alloc, rounds, reasons, stop, "");
    }

    /** A slowdown as a percentage; infinite means this run could not have flagged any slowdown. */
    public static String percent(double slowdown) {
        return Double.isFinite(slowdown) ? String.format(Locale.ROOT, "%.0f %%", 100 * slowdown) : "none (too few or too noisy rounds)";
    }

    /** Rounds in a readable line, for logs. */
    public static String describe(Outcome o) {
        return o.key().shortName() + ": " + o.verdict().label() + " ratios "
                + Arrays.toString(Arrays.stream(o.first().ratios()).mapToObj(r -> String.format(Locale.ROOT, "%.2f", r)).toArray())
                + " " + String.join("; ", o.reasons().stream().filter(Objects::nonNull).toList());
    }
}
