package dev.pglab.ci.ab;

import dev.pglab.ci.Verdict;
import dev.pglab.harness.stats.Summary;
import dev.pglab.harness.jmh.InjectedSlowdown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The A/B gate's power on this machine: {@code trials} independent trials, each one A/B pass of every sentinel in
 * which the arms base, base again (A/A) and the head side with each injected slowdown ({@code -Dpglab.ab.slowdown=
 * <level>} on its forks, see {@link InjectedSlowdown}: CPU time only, bytes/op unchanged) run in the same rotated
 * rounds. The base fork of a round serves every comparison of that round (each comparison is still its base fork
 * against its own arm's fork), so a trial costs one base fork per round instead of one per level, and load drift
 * touches every level alike. Each arm is judged exactly as the gate judges a head: the gate's rounds, warm-up,
 * measurement, early stop, and one rerun of flagged keys (the rerun again shares one base fork per round among the
 * arms it reruns). The result is a table per sentinel and level: how many trials ended REGRESSION, INCONCLUSIVE and
 * PASS, the median of the median round ratios, and the median detectable slowdown.
 */
public final class AbCalibration {
    /**
     * What the estimate assumes a JMH host JVM and a benchmark fork cost beyond their iterations: with the six
     * sentinels at 2x500 + 3x500 that is about 33 s per arm-round, as the A/A calibration measured on these 2-core
     * machines (16 arm-rounds and a build in under 11 minutes). Progress replaces it with measured trials.
     */
    static final Duration HOST_JVM = Duration.ofMillis(1500);
    static final Duration FORK_START = Duration.ofSeconds(2);

    private final AbGate gate;
    private final AbSettings settings;
    private final Consumer<String> progress;

    public AbCalibration(AbGate gate, AbSettings settings, Consumer<String> progress) {
        this.gate = gate;
        this.settings = settings;
        this.progress = progress;
    }

    /** One trial's outcome of one key at one level. */
    public record Trial(String key, double level, int trial, Verdict verdict, double medianRatio, double detectable) {
    }

    /**
     * What a calibration will run, and about how long it takes: {@code keysPerModule} is the sentinel count of each
     * module (one JMH host JVM per module and arm in a round, one fork per key).
     */
    public record Plan(int trials, List<Double> levels, List<Integer> keysPerModule, AbSettings settings) {

        /** The fork runs of one arm in one round, over every module. */
        Duration armRound() {
            Duration perKey = FORK_START.plus(settings.warmup().multipliedBy(settings.warmupIterations()))
                    .plus(settings.measurement().multipliedBy(settings.iterations()));
            int keys = keysPerModule.stream().mapToInt(Integer::intValue).sum();
            return HOST_JVM.multipliedBy(keysPerModule.size()).plus(perKey.multipliedBy(keys));
        }

        /**
         * Arm-rounds of one trial, assuming what a well-powered gate does: arms injected with at least 2T are flagged
         * as soon as p can be below its limit and rerun as long; the others (A/A among them) run every round, no rerun.
         */
        int armRoundsPerTrial() {
            int flagRounds = Math.min(settings.rounds(), settings.roundsForSignificance());
            long caught = levels.stream().filter(l -> l >= 2 * settings.minThreshold()).count();
            long missed = levels.size() - caught;
            int first = settings.rounds() * (1 + (int) missed) + flagRounds * (int) caught;
            int rerun = caught == 0 ? 0 : flagRounds * (1 + (int) caught);
            return first + rerun;
        }

        public Duration estimate() {
            return armRound().multipliedBy((long) armRoundsPerTrial() * trials);
        }

        /** The same trials as one separate A/B (base and head forks every round) per level, for comparison. */
        public Duration estimateSeparate() {
            int flagRounds = Math.min(settings.rounds(), settings.roundsForSignificance());
            long perTrial = 0;
            for (double l : levels) {
                perTrial += l >= 2 * settings.minThreshold() ? 2L * flagRounds * 2 : 2L * settings.rounds();
            }
            return armRound().multipliedBy(perTrial * trials);
        }

        public String describe() {
            List<String> arms = new ArrayList<>(List.of("base"));
            levels.forEach(l -> arms.add(armName(l)));
            return String.format(Locale.ROOT, "A/B calibration plan: %d trial(s); arms %s in the same rotated rounds (one base "
                            + "fork per round serves every comparison); %d module(s), %d sentinel key(s); the gate's own "
                            + "settings: up to %d rounds of %dx%d ms warm-up + %dx%d ms measurement per fork, early stop, one "
                            + "rerun of flagged keys.%nEstimate: about %d min (%d arm-rounds per trial of about %d s; assumes "
                            + "%.1f s per JMH start and %d s per fork start; separate A/Bs per level would take about %d min)",
                    trials, String.join(", ", arms), keysPerModule.size(), keysPerModule.stream().mapToInt(Integer::intValue).sum(),
                    settings.rounds(), settings.warmupIterations(), settings.warmup().toMillis(), settings.iterations(),
                    settings.measurement().toMillis(), estimate().toMinutes(), armRoundsPerTrial(), armRound().toSeconds(),
                    HOST_JVM.toMillis() / 1000.0, FORK_START.toSeconds(), estimateSeparate().toMinutes());
        }
    }

    /** A level's arm name: {@code A/A} for nothing injected, else {@code +20 %}. */
    static String armName(double level) {
        return level == 0 ? "A/A" : String.format(Locale.ROOT, "+%.0f %%", 100 * level);
    }

    /** A level's arm in file names: {@code aa}, {@code slow20}. */
    private static String armTag(double level) {
        return level == 0 ? "aa" : String.format(Locale.ROOT, "slow%.0f", 100 * level);
    }

    /**
     * Runs the trials; {@code levels} holds 0 for the A/A arm. Progress lines carry the elapsed time and the time
     * left: from the plan's estimate during the first trial, from the trials done after that.
     */
    public List<Trial> run(List<AbRunner.Target> targets, List<Double> levels, int trials, Map<String, Double> thresholds)
            throws IOException, InterruptedException {
        Plan plan = new Plan(trials, levels, targets.stream().map(t -> t.keys().size()).toList(), settings);
        progress.accept(plan.describe());
        long started = System.nanoTime();
        long[] trialsDone = {0, started}; // trials done, and when the last one ended
        int[] current = {1};
        Consumer<String> timed = line -> {
            long now = System.nanoTime();
            Duration perTrial = trialsDone[0] == 0 ? plan.estimate().dividedBy(trials)
                    : Duration.ofNanos(trialsDone[1] - started).dividedBy(trialsDone[0]);
            Duration left = perTrial.multipliedBy(trials - trialsDone[0]).minusNanos(now - trialsDone[1]);
            progress.accept(String.format(Locale.ROOT, "[calibration trial %d/%d, %s elapsed, about %s left] %s", current[0],
                    trials, minutes(Duration.ofNanos(now - started)), minutes(left.isNegative() ? Duration.ZERO : left), line));
        };
        AbGate timedGate = gate.reporting(timed);
        List<Trial> out = new ArrayList<>();
        for (int t = 1; t <= trials; t++) {
            current[0] = t;
            List<AbRunner.Target> arms = new ArrayList<>();
            Map<String, Double> levelOf = new TreeMap<>();
            for (AbRunner.Target x : targets) {
                for (double level : levels) {
                    levelOf.put(armTag(level), level);
                    arms.add(new AbRunner.Target(x.module(), x.keys(), x.base(), inject(x.head(), level), armTag(level)));
                }
            }
            for (AbGate.Outcome o : timedGate.judge(arms, thresholds, null).outcomes()) {
                out.add(new Trial(o.key().shortName(), levelOf.get(o.arm()), t, o.verdict(), o.first().medianRatio(),
                        o.detectable(settings)));
            }
            trialsDone[0] = t;
            trialsDone[1] = System.nanoTime();
            timed.accept("trial " + t + " done");
        }
        return out;
    }

    private static String minutes(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    static AbSide inject(AbSide head, double level) {
        List<String> args = new ArrayList<>(head.forkJvmArgs());
        if (level > 0) {
            args.add("-D" + InjectedSlowdown.PROPERTY + "=" + level);
        }
        return new AbSide(head.name(), head.revision(), head.classpath(), args);
    }

    /** One row of the table: a sentinel at one level over its trials. */
    public record Row(String sentinel, double level, int trials, int regression, int inconclusive, int pass,
                      double medianRatio, double medianDetectable) {
    }

    public static List<Row> rows(List<Trial> trials) {
        Map<String, Map<Double, List<Trial>>> byKey = new TreeMap<>();
        for (Trial t : trials) {
            byKey.computeIfAbsent(t.key(), k -> new TreeMap<>()).computeIfAbsent(t.level(), l -> new ArrayList<>()).add(t);
        }
        List<Row> rows = new ArrayList<>();
        byKey.forEach((key, levels) -> levels.forEach((level, ts) -> {
            Map<Verdict, Integer> n = new LinkedHashMap<>();
            ts.forEach(t -> n.merge(t.verdict(), 1, Integer::sum));
            rows.add(new Row(key, level, ts.size(), n.getOrDefault(Verdict.REGRESSION, 0),
                    n.getOrDefault(Verdict.INCONCLUSIVE, 0), n.getOrDefault(Verdict.PASS, 0),
                    Summary.median(ts.stream().mapToDouble(Trial::medianRatio).toArray()),
                    Summary.median(ts.stream().mapToDouble(Trial::detectable).toArray())));
        }));
        return rows;
    }

    /** The table, in Markdown: one row per sentinel and level. */
    public static String table(List<Trial> trials) {
        StringBuilder b = new StringBuilder();
        b.append("| sentinel | injected | trials | REGRESSION | INCONCLUSIVE | PASS | median ratio | median detectable |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows(trials)) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | x%.3f | %s |%n", r.sentinel(),
                    r.level() == 0 ? "A/A" : String.format(Locale.ROOT, "%.0f %%", 100 * r.level()), r.trials(),
                    r.regression(), r.inconclusive(), r.pass(), r.medianRatio(), AbGate.percent(r.medianDetectable())));
        }
        return b.toString();
    }

    /**
     * {@code calibration.md} (the header line, then the table) and {@code calibration.json} beside it: the rows and
     * every trial ({@code detectable} a share, {@code "Infinity"} when the trial could not have flagged any slowdown).
     */
    public static void write(Path file, String header, List<Trial> trials) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, header + "\n\n" + table(trials));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", "pglab-ab-calibration/1");
        json.put("header", header);
        json.put("rows", rows(trials));
        json.put("trials", trials);
        new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValue(file.resolveSibling(jsonName(file)).toFile(), json);
    }

    private static String jsonName(Path md) {
        String name = md.getFileName().toString();
        return (name.endsWith(".md") ? name.substring(0, name.length() - 3) : name) + ".json";
    }
}
