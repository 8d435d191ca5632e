package dev.pglab.ci.ab;

import dev.pglab.ci.Verdict;
import dev.pglab.ci.stats.Summary;
import dev.pglab.harness.jmh.InjectedSlowdown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The A/B gate's power on this machine: {@code trials} independent A/B runs of the sentinels for each injected
 * slowdown (0 = A/A), the same build on both sides, the head side's forks started with
 * {@code -Dpglab.ab.slowdown=<level>} (see {@link InjectedSlowdown}: CPU time only, bytes/op unchanged). Levels are
 * interleaved within each trial so that a drift of the machine's load touches every level alike. The result is a
 * table per sentinel and level: how many trials ended REGRESSION, INCONCLUSIVE and PASS, the median of the
 * median round ratios, and the median detectable slowdown.
 */
public final class AbCalibration {
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

    public List<Trial> run(List<AbRunner.Target> targets, List<Double> levels, int trials, Map<String, Double> thresholds)
            throws IOException, InterruptedException {
        List<Trial> out = new ArrayList<>();
        for (int t = 1; t <= trials; t++) {
            for (double level : levels) {
                progress.accept(String.format(Locale.ROOT, "A/B calibration: trial %d/%d, injected slowdown %.0f %%", t, trials,
                        100 * level));
                List<AbRunner.Target> injected = targets.stream().map(x -> new AbRunner.Target(x.module(), x.keys(), x.base(),
                        inject(x.head(), level))).toList();
                for (AbGate.Outcome o : gate.judge(injected, thresholds, null).outcomes()) {
                    out.add(new Trial(o.key().shortName(), level, t, o.verdict(), o.first().medianRatio(),
                            o.first().detectableSlowdown(settings)));
                }
            }
        }
        return out;
    }

    static AbSide inject(AbSide head, double level) {
        List<String> args = new ArrayList<>(head.forkJvmArgs());
        if (level > 0) {
            args.add("-D" + InjectedSlowdown.PROPERTY + "=" + level);
        }
        return new AbSide(head.name(), head.revision(), head.classpath(), args);
    }

    /** The table, in Markdown: one row per sentinel and level. */
    public static String table(List<Trial> trials) {
        Map<String, Map<Double, List<Trial>>> byKey = new TreeMap<>();
        for (Trial t : trials) {
            byKey.computeIfAbsent(t.key(), k -> new TreeMap<>()).computeIfAbsent(t.level(), l -> new ArrayList<>()).add(t);
        }
        StringBuilder b = new StringBuilder();
        b.append("| sentinel | injected | trials | REGRESSION | INCONCLUSIVE | PASS | median ratio | median detectable |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        byKey.forEach((key, levels) -> levels.forEach((level, ts) -> {
            Map<Verdict, Integer> n = new LinkedHashMap<>();
            ts.forEach(t -> n.merge(t.verdict(), 1, Integer::sum));
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | x%.3f | %s |%n", key,
                    level == 0 ? "A/A" : String.format(Locale.ROOT, "%.0f %%", 100 * level), ts.size(),
                    n.getOrDefault(Verdict.REGRESSION, 0), n.getOrDefault(Verdict.INCONCLUSIVE, 0),
                    n.getOrDefault(Verdict.PASS, 0), Summary.median(ts.stream().mapToDouble(Trial::medianRatio).toArray()),
                    AbGate.percent(Summary.median(ts.stream().mapToDouble(Trial::detectable).toArray()))));
        }));
        return b.toString();
    }

    public static void write(Path file, String header, List<Trial> trials) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, header + "\n\n" + table(trials));
    }
}
