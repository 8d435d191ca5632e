package dev.pglab.harness.jmh;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * What a suite run will do, printed before it starts: every JMH key (benchmark, params, mode) the include regex
 * and parameter overrides select, forks and iterations from the budget, the paced suites, and an estimate of the
 * JMH part (forks x (warm-up + measurement + {@link #FORK_OVERHEAD})). A trial setup that starts PostgreSQL or
 * builds a large fixture takes longer than the overhead allows, so the estimate is a lower bound there.
 */
public record RunPlan(String module, Budget budget, List<Key> keys, List<String> pacedSuites) {
    /** JVM start, JMH's setup and teardown around one fork, measured roughly on 2 cores. */
    static final Duration FORK_OVERHEAD = Duration.ofSeconds(2);

    /** One JMH key. */
    public record Key(String benchmark, String params, String mode) {
    }

    /** The keys of the benchmarks on this class path matching {@code regex}, with {@code overrides} applied. */
    public static RunPlan of(String module, String regex, Map<String, String[]> overrides, Budget budget,
                             List<String> pacedSuites) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        List<Key> keys = new ArrayList<>();
        if (LabRunner.class.getResource(BenchmarkList.BENCHMARK_LIST) == null) {
            return new RunPlan(module, budget, keys, pacedSuites); // paced suites only: no JMH benchmark list
        }
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(quiet, VerboseMode.SILENT), List.of(regex), List.of())) {
            Map<String, String[]> params = new TreeMap<>();
            if (e.getParams().hasValue()) {
                params.putAll(e.getParams().get());
            }
            params.replaceAll((name, values) -> overrides.getOrDefault(name, values));
            for (String combo : combinations(params)) {
                keys.add(new Key(e.getUsername(), combo, e.getMode().shortLabel()));
            }
        }
        return new RunPlan(module, budget, keys, pacedSuites);
    }

    /** Every combination of parameter values, as {@code a=1,b=x}, in name order. */
    static List<String> combinations(Map<String, String[]> params) {
        List<String> out = new ArrayList<>(List.of(""));
        for (var p : params.entrySet()) {
            List<String> next = new ArrayList<>();
            for (String prefix : out) {
                for (String v : p.getValue()) {
                    next.add(prefix + (prefix.isEmpty() ? "" : ",") + p.getKey() + "=" + v);
                }
            }
            out = next;
        }
        return out;
    }

    /** The JMH part: every key's forks, each warm-up plus measurement plus {@link #FORK_OVERHEAD}. */
    public Duration jmhEstimate() {
        long perFork = (long) budget.warmupIterations * budget.warmupMillis
                + (long) budget.measurementIterations * budget.measurementMillis + FORK_OVERHEAD.toMillis();
        return Duration.ofMillis(perFork * budget.forks * keys.size());
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "pglab: plan for %s at the %s budget: %d JMH key(s) x %d fork(s) x (%d x %d ms warm-up + %d x %d ms"
                        + " measurement); paced suites: %s%n", module, budget.id(), keys.size(), budget.forks,
                budget.warmupIterations, budget.warmupMillis, budget.measurementIterations, budget.measurementMillis,
                pacedSuites.isEmpty() ? "none" : String.join(", ", pacedSuites));
        for (Key k : keys) {
            out.printf(Locale.ROOT, "pglab:   %s%s [%s]%n", k.benchmark(), k.params().isEmpty() ? "" : "(" + k.params() + ")",
                    k.mode());
        }
        out.printf(Locale.ROOT, "pglab: estimate for %s: JMH part %s%s%n", module, format(jmhEstimate()),
                pacedSuites.isEmpty() ? "" : " plus the paced suites (they print their own progress)");
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
