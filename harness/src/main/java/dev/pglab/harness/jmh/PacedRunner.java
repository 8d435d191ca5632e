package dev.pglab.harness.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.harness.measure.LoadGuard;
import dev.pglab.harness.measure.LoadSample;
import dev.pglab.harness.result.ForkLoad;
import dev.pglab.harness.result.LabSettings;
import dev.pglab.harness.result.ResultFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a {@link PacedSuite} the way JMH runs a benchmark: the budget's {@link PacedPlan} gives rounds, warm-ups and
 * iterations; every arm runs in a forked JVM of its own per round (one subject per JVM, so one arm's JIT profile,
 * heap and threads never touch another's); the arms' order rotates by one each round, so drift of the machine
 * touches every arm alike; the load per core (and steal) is sampled around every fork. The samples become one
 * JMH-shaped entry per arm ({@code rawData[round][iteration]}, metric kinds declared), which LabRunner writes into
 * the module's result file with the fork loads in the envelope.
 */
public final class PacedRunner {
    private final List<String> jvmArgs;
    private final LoadGuard guard;
    private final PrintStream out;

    /** What a suite run produced: its result entries, the load around each fork, and which fork ran what. */
    public record Outcome(List<ObjectNode> entries, List<ForkLoad> forkLoads, List<Fork> forks) {
    }

    /** One forked JVM: the arm it ran, in which round (1-based), at which place in the round, and its pid. */
    public record Fork(String armId, int round, int position, long pid) {
    }

    /** {@code jvmArgs}: the fixed flags of every fork (LabRunner's) followed by the settings' properties. */
    public PacedRunner(List<String> jvmArgs, LoadGuard guard, PrintStream out) {
        this.jvmArgs = List.copyOf(jvmArgs);
        this.guard = guard;
        this.out = out;
    }

    /**
     * Runs one suite outside LabRunner (a suite's own {@code main}): forks with LabRunner's flags and these settings,
     * scratch files under {@link dev.pglab.harness.result.LabLayout#work}; the result entries are only printed
     * by the forks, not written.
     */
    public static Outcome standalone(PacedSuite suite, LabSettings settings) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(LabRunner.forkJvmArgs());
        args.addAll(settings.forkProperties());
        return new PacedRunner(args, LoadGuard.DEFAULT, System.out).run(suite, settings,
                settings.layout().work(suite.getClass().getSimpleName()));
    }

    /** The order of the arms in {@code round} (0-based): the declared order rotated left by {@code round}. */
    static <T> List<T> rotation(List<T> arms, int round) {
        List<T> order = new ArrayList<>(arms.size());
        for (int i = 0; i < arms.size(); i++) {
            order.add(arms.get((i + round) % arms.size()));
        }
        return order;
    }

    public Outcome run(PacedSuite suite, LabSettings settings, Path workDir) throws IOException, InterruptedException {
        PacedPlan plan = PacedPlan.of(settings.budget());
        List<PacedArm> arms = suite.arms(settings, plan);
        String name = suite.getClass().getSimpleName();
        if (arms.isEmpty()) {
            return new Outcome(List.of(), List.of(), List.of()); // a suite that only works on the JMH results
        }
        out.printf(Locale.ROOT, "pglab: paced suite %s: %d arm(s) x %d round(s), each a forked JVM of %d warm-up + %d measured "
                + "iteration(s)%n", name, arms.size(), plan.rounds(), plan.warmups(), plan.iterations());
        Map<String, double[][][]> samples = new LinkedHashMap<>(); // arm id -> [metric 0 = primary, 1.. secondaries][round][iteration]
        for (PacedArm arm : arms) {
            samples.put(arm.id(), new double[1 + arm.secondaries().size()][plan.rounds()][plan.iterations()]);
        }
        List<ForkLoad> loads = new ArrayList<>();
        List<Fork> forks = new ArrayList<>();
        Files.createDirectories(workDir);
        int total = arms.size() * plan.rounds();
        long start = System.nanoTime();
        for (int round = 0; round < plan.rounds(); round++) {
            List<PacedArm> order = rotation(arms, round);
            for (int position = 0; position < order.size(); position++) {
                PacedArm arm = order.get(position);
                int done = forks.size();
                out.printf(Locale.ROOT, "pglab: # Run progress: %s fork %d of %d (round %d/%d), ETA %s%n# Paced: %s%n", name,
                        done + 1, total, round + 1, plan.rounds(), eta(start, done, total), arm.id());
                Path file = workDir.resolve("fork-" + (round + 1) + "-" + (position + 1) + ".json");
                Files.deleteIfExists(file);
                LoadSample before = LoadSample.now();
                int exit = fork(suite, arm, workDir, file);
                LoadSample after = LoadSample.now();
                if (exit != 0 || !Files.exists(file)) {
                    throw new IllegalStateException("paced fork of " + arm.id() + " (round " + (round + 1) + ") exited with "
                            + exit + "; its output is above");
                }
                loads.add(new ForkLoad(arm.benchmark(), arm.params(), round + 1, before.loadPerCore(), after.loadPerCore(),
                        LoadSample.stealBetween(before, after), guard.clean(before, after)));
                JsonNode result = ResultFile.JSON.readTree(file.toFile());
                forks.add(new Fork(arm.id(), round + 1, position + 1, result.path("pid").asLong()));
                read(arm, result.path("samples"), samples.get(arm.id()), round, plan.iterations());
            }
        }
        PacedSamples all = new PacedSamples();
        for (PacedArm arm : arms) {
            double[][][] m = samples.get(arm.id());
            all.put(arm, "", m[0]);
            for (int s = 0; s < arm.secondaries().size(); s++) {
                all.put(arm, arm.secondaries().get(s).name(), m[s + 1]);
            }
        }
        suite.derive(arms, all);
        List<ObjectNode> entries = new ArrayList<>();
        for (PacedArm arm : arms) {
            JmhShaped shaped = JmhShaped.of(arm.benchmark(), arm.mode()).params(arm.params()).primary(arm.unit(), all.primary(arm));
            for (PacedArm.MetricSpec spec : arm.secondaries()) {
                shaped.secondary(spec.name(), spec.unit(), spec.kind(), all.metric(arm, spec.name()));
            }
            for (PacedArm.MetricSpec spec : all.derived(arm).values()) {
                shaped.secondary(spec.name(), spec.unit(), spec.kind(), all.metric(arm, spec.name()));
            }
            entries.add(shaped.build());
        }
        return new Outcome(entries, loads, forks);
    }

    private static void read(PacedArm arm, JsonNode samples, double[][][] into, int round, int iterations) {
        if (samples.size() != iterations) {
            throw new IllegalStateException(arm.id() + ": a fork returned " + samples.size() + " samples where "
                    + iterations + " were expected");
        }
        for (int i = 0; i < iterations; i++) {
            JsonNode s = samples.get(i);
            into[0][round][i] = s.path("primary").asDouble(Double.NaN);
            for (int k = 0; k < arm.secondaries().size(); k++) {
                into[k + 1][round][i] = s.path("secondaries").path(arm.secondaries().get(k).name()).asDouble(Double.NaN);
            }
        }
    }

    private int fork(PacedSuite suite, PacedArm arm, Path workDir, Path file) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PacedFork.class.getName());
        cmd.add(suite.getClass().getName());
        cmd.add(arm.id());
        cmd.add(workDir.toString());
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** As JMH prints it: the time left if the remaining forks take as long as the finished ones did. */
    static String eta(long startNanos, int done, int total) {
        if (done == 0) {
            return "unknown";
        }
        long perFork = (System.nanoTime() - startNanos) / done;
        return RunPlan.format(Duration.ofNanos(perFork * (total - done)));
    }
}
