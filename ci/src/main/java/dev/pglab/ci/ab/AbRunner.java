package dev.pglab.ci.ab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.harness.result.BenchmarkKey;
import dev.pglab.harness.result.KeyResult;
import dev.pglab.harness.result.ResultReader;
import dev.pglab.harness.stats.Summary;
import dev.pglab.harness.jmh.LabRunner;
import dev.pglab.harness.measure.LoadSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs the interleaved rounds: in round r the base side runs first when r is odd, the head side first when r
 * is even (AB, BA, ...), each side one fork of every key through JMH's own {@code org.openjdk.jmh.Main} on the
 * side's class path (so any revision with the benchmarks can be the base). Load is sampled around each side's
 * run. Keys whose benchmark is missing on a side fail the run with a clear message.
 */
public final class AbRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOCK_RETRIES = 120; // 10 minutes in 5 s steps
    private final AbSettings settings;
    private final Path workDir;
    private final Consumer<String> progress;

    public AbRunner(AbSettings settings, Path workDir, Consumer<String> progress) {
        this.settings = settings;
        this.workDir = workDir;
        this.progress = progress;
    }

    /** The same runner, its progress sent to {@code to}. */
    AbRunner reporting(Consumer<String> to) {
        return new AbRunner(settings, workDir, to);
    }

    /**
     * One module's sentinel keys and the two sides that run them. {@code arm} names the head side when several
     * targets of one module share its base side (calibration: A/A and injected slowdowns measured in the same
     * rounds against one base fork); the plain gate has one target per module and no arm name.
     */
    public record Target(String module, List<BenchmarkKey> keys, AbSide base, AbSide head, String arm) {
        public Target(String module, List<BenchmarkKey> keys, AbSide base, AbSide head) {
            this(module, keys, base, head, "");
        }

        /** The module, and the arm when there is one: what a pass files its rounds under. */
        public String unit() {
            return arm.isEmpty() ? module : module + "@" + arm;
        }

        Target withKeys(List<BenchmarkKey> only) {
            return new Target(module, only, base, head, arm);
        }
    }

    /**
     * What a pass measured: rounds per key, and why each key stopped (decided early, all rounds, time budget) or
     * did not run at all ({@code skipped}: e.g. the base revision does not have that benchmark).
     */
    public record Pass(Map<String, List<AbRound>> rounds, Map<String, String> stops, Map<String, String> skipped) {
        public List<AbRound> roundsOf(String unit, BenchmarkKey k) {
            return rounds.getOrDefault(id(unit, k), List.of());
        }

        public String stopOf(String unit, BenchmarkKey k) {
            return stops.get(id(unit, k));
        }

        static String id(String unit, BenchmarkKey k) {
            return unit + "/" + k.id();
        }
    }

    /** Rounds per key, in key order: a single module, every round, no deadline (as before sequential stopping). */
    public Map<BenchmarkKey, List<AbRound>> run(Collection<BenchmarkKey> keys, AbSide base, AbSide head, String label)
            throws IOException, InterruptedException {
        Target t = new Target(label, List.copyOf(keys), base, head);
        Pass pass = run(List.of(t), label, null, k -> settings.minThreshold(), false);
        Map<BenchmarkKey, List<AbRound>> out = new LinkedHashMap<>();
        keys.stream().sorted().forEach(k -> out.put(k, pass.roundsOf(label, k)));
        return out;
    }

    /**
     * The forks of one module in round {@code r}: its base side and every target's head side, rotated by one place
     * per round (with one target: base, head in odd rounds, head, base in even ones), so that each head side runs
     * before and after the base alike. With several targets of one module the base runs once per round for all of
     * them: each comparison is still its own base fork against its own head fork.
     */
    static List<Integer> order(int arms, int round) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < arms; i++) {
            order.add((i + round - 1) % arms);
        }
        return order;
    }

    /**
     * Interleaved rounds over every module: in each round every module still holding undecided keys runs its base
     * fork and one fork per target with keys open, in the {@link #order rotated order}. With {@code sequential}, a
     * key leaves a target once {@link SequentialStop} decides it; before each round the last round's duration
     * (scaled to the keys left) is checked against the deadline, and when it would overrun, the pass ends there.
     */
    public Pass run(List<Target> targets, String label, Instant deadline,
                    java.util.function.ToDoubleFunction<BenchmarkKey> threshold, boolean sequential)
            throws IOException, InterruptedException {
        Map<String, List<AbRound>> rounds = new LinkedHashMap<>();
        Map<String, String> stops = new TreeMap<>();
        Map<String, String> skipped = new TreeMap<>();
        Map<String, Set<BenchmarkKey>> active = new LinkedHashMap<>();
        Map<String, List<Target>> byModule = new LinkedHashMap<>();
        for (Target t : targets) {
            if (active.containsKey(t.unit())) {
                throw new IllegalArgumentException("A/B: two targets named " + t.unit());
            }
            List<Target> group = byModule.computeIfAbsent(t.module(), m -> new ArrayList<>());
            if (!group.isEmpty() && !group.getFirst().base().equals(t.base())) {
                throw new IllegalArgumentException("A/B: the targets of " + t.module() + " must share one base side");
            }
            group.add(t);
            active.put(t.unit(), new TreeSet<>(t.keys()));
            t.keys().stream().sorted().forEach(k -> rounds.put(Pass.id(t.unit(), k), new ArrayList<>()));
        }
        long lastRoundNanos = 0;
        int lastActive = 0;
        for (int r = 1; r <= settings.rounds(); r++) {
            int nowActive = active.values().stream().mapToInt(Set::size).sum();
            if (nowActive == 0) {
                break;
            }
            if (deadline != null) {
                long expected = lastActive == 0 ? 0 : lastRoundNanos * nowActive / lastActive;
                if (Instant.now().plusNanos(expected).isAfter(deadline)) {
                    progress.accept(String.format(Locale.ROOT, "A/B %s: time budget reached before round %d (%d key(s) open)",
                            label, r, nowActive));
                    stopAll(active, rounds, stops, "time budget reached after " + (r - 1) + " round(s)");
                    return new Pass(rounds, stops, skipped);
                }
            }
            boolean plain = byModule.values().stream().allMatch(g -> g.size() == 1);
            progress.accept(String.format(Locale.ROOT, "A/B %s round %d/%d (%s), %d key(s)", label, r, settings.rounds(),
                    plain ? (r % 2 == 1 ? "base, head" : "head, base") : "arms rotated", nowActive));
            long roundStart = System.nanoTime();
            for (var group : byModule.entrySet()) {
                List<Target> open = group.getValue().stream().filter(t -> !active.get(t.unit()).isEmpty()).toList();
                if (open.isEmpty()) {
                    continue;
                }
                Set<BenchmarkKey> baseKeys = new TreeSet<>();
                open.forEach(t -> baseKeys.addAll(active.get(t.unit())));
                String tag = label + "-" + group.getKey() + "-r" + r;
                // arm 0 is the base, arm i the head of open target i - 1
                List<Integer> order = order(open.size() + 1, r);
                Map<Integer, Map<BenchmarkKey, KeyResult>> results = new TreeMap<>();
                Map<Integer, Boolean> cleanFork = new TreeMap<>();
                Map<Integer, Integer> position = new TreeMap<>();
                for (int arm : order) {
                    position.put(arm, position.size());
                    Target t = arm == 0 ? null : open.get(arm - 1);
                    LoadSample before = LoadSample.now();
                    Map<BenchmarkKey, KeyResult> got = arm == 0 ? runSide(open.getFirst().base(), baseKeys, tag + "-base", deadline)
                            : runSide(t.head(), active.get(t.unit()), tag + "-head" + (t.arm().isEmpty() ? "" : "-" + t.arm()),
                            deadline);
                    if (got == null) {
                        // the deadline passed while waiting for another JMH run's lock: this module's round is dropped
                        progress.accept("A/B " + label + ": time budget reached in round " + r + " while waiting for the JMH lock");
                        for (var e : active.entrySet()) {
                            for (BenchmarkKey k : e.getValue()) {
                                stops.put(Pass.id(e.getKey(), k), "time budget reached after "
                                        + rounds.get(Pass.id(e.getKey(), k)).size() + " round(s)");
                            }
                        }
                        return new Pass(rounds, stops, skipped);
                    }
                    results.put(arm, got);
                    cleanFork.put(arm, settings.guard().clean(before, LoadSample.now()));
                }
                Map<BenchmarkKey, KeyResult> b = results.get(0);
                for (int i = 0; i < open.size(); i++) {
                    Target t = open.get(i);
                    Map<BenchmarkKey, KeyResult> h = results.get(i + 1);
                    boolean baseFirst = position.get(0) < position.get(i + 1);
                    boolean clean = cleanFork.get(0) && cleanFork.get(i + 1);
                    Set<BenchmarkKey> keys = active.get(t.unit());
                    for (BenchmarkKey k : List.copyOf(keys)) {
                        String id = Pass.id(t.unit(), k);
                        KeyResult kb = b.get(k);
                        KeyResult kh = h.get(k);
                        if (kb == null || kh == null) {
                            // a sentinel the base revision does not have yet (or a param value it lacks) is not gated
                            keys.remove(k);
                            rounds.remove(id);
                            skipped.put(id, "did not run on the " + (kb == null ? "base side (" + t.base().revision()
                                    : "head side (" + t.head().revision()) + "): a new benchmark or parameter value is "
                                    + "gated from the next change on");
                            continue;
                        }
                        List<AbRound> kr = rounds.get(id);
                        kr.add(new AbRound(r, baseFirst, kb.median(), kh.median(), alloc(kb), alloc(kh), clean));
                        var decision = sequential ? SequentialStop.decide(kr, k.higherIsBetter(), threshold.applyAsDouble(k), settings)
                                : SequentialStop.Decision.OPEN;
                        if (decision != SequentialStop.Decision.OPEN) {
                            keys.remove(k);
                            stops.put(id, (decision == SequentialStop.Decision.WITHIN
                                    ? "decided after " + r + " rounds: interval below 1 + T"
                                    : "flagged after " + r + " rounds"));
                        }
                    }
                }
            }
            lastRoundNanos = System.nanoTime() - roundStart;
            lastActive = nowActive;
        }
        stopAll(active, rounds, stops, "all " + settings.rounds() + " rounds");
        return new Pass(rounds, stops, skipped);
    }

    private static void stopAll(Map<String, Set<BenchmarkKey>> active, Map<String, List<AbRound>> rounds,
                                Map<String, String> stops, String why) {
        for (var e : active.entrySet()) {
            for (BenchmarkKey k : e.getValue()) {
                if (rounds.containsKey(Pass.id(e.getKey(), k))) {
                    stops.putIfAbsent(Pass.id(e.getKey(), k), why);
                }
            }
        }
    }

    private static double alloc(KeyResult k) {
        return k.hasAlloc() ? Summary.median(k.allocForks()) : Double.NaN;
    }

    /**
     * One fork of every key on one side; returns what JMH measured, by key, or null when the deadline passed while
     * waiting for another JMH run's lock.
     */
    Map<BenchmarkKey, KeyResult> runSide(AbSide side, Collection<BenchmarkKey> keys, String tag, Instant deadline)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path out = workDir.resolve(tag + ".json");
        Path log = workDir.resolve(tag + ".log");
        Files.deleteIfExists(out);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        if (settings.ignoreJmhLock()) {
            cmd.add("-Djmh.ignoreLock=true");
        }
        cmd.addAll(List.of("-cp", side.classpathText(), "org.openjdk.jmh.Main"));
        cmd.add(includeRegex(keys));
        cmd.addAll(List.of("-f", "1", "-t", "1", "-wi", String.valueOf(settings.warmupIterations()),
                "-w", settings.warmup().toMillis() + "ms", "-i", String.valueOf(settings.iterations()),
                "-r", settings.measurement().toMillis() + "ms", "-prof", "gc", "-foe", "true",
                "-rf", "json", "-rff", out.toString()));
        Set<String> modes = new TreeSet<>();
        keys.forEach(k -> modes.add(k.mode()));
        cmd.addAll(List.of("-bm", String.join(",", modes)));
        Map<String, Set<String>> params = new TreeMap<>();
        keys.forEach(k -> k.params().forEach((n, v) -> params.computeIfAbsent(n, x -> new TreeSet<>()).add(v)));
        params.forEach((n, vs) -> cmd.addAll(List.of("-p", n + "=" + String.join(",", vs))));
        List<String> jvmArgs = new ArrayList<>(LabRunner.forkJvmArgs());
        jvmArgs.addAll(side.forkJvmArgs());
        cmd.addAll(List.of("-jvmArgsAppend", String.join(" ", jvmArgs)));
        int exit = -1;
        // JMH refuses to run beside another JMH instance (its lock file): wait for it rather than fail the gate
        for (int attempt = 0; attempt < LOCK_RETRIES; attempt++) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            exit = p.waitFor();
            if (exit == 0 || !Files.readString(log).contains("Unable to acquire the JMH lock")) {
                break;
            }
            if (attempt == 0) {
                progress.accept("A/B: another JMH run holds the JMH lock; waiting for it");
            }
            if (deadline != null && Instant.now().isAfter(deadline)) {
                return null;
            }
            Thread.sleep(5_000);
        }
        if (exit != 0 && Files.readString(log).contains("No matching benchmarks")) {
            return Map.of(); // this side does not have these benchmarks: the caller reports them, not gated
        }
        if (exit != 0 || !Files.exists(out)) {
            List<String> lines = Files.readAllLines(log);
            throw new IOException("A/B: JMH on the " + side.name() + " side exited " + exit + "; last lines of " + log
                    + ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
        }
        Map<BenchmarkKey, KeyResult> byKey = new TreeMap<>();
        JsonNode empty = JSON.createArrayNode();
        for (JsonNode entry : JSON.readTree(out.toFile())) {
            KeyResult k = ResultReader.keyResult(side.name(), entry, empty, empty);
            if (keys.contains(k.key())) {
                byKey.put(k.key(), k);
            }
        }
        return byKey;
    }

    /** One regex over the exact benchmark names. */
    static String includeRegex(Collection<BenchmarkKey> keys) {
        Set<String> names = new TreeSet<>();
        keys.forEach(k -> names.add("\\Q" + k.benchmark() + "\\E"));
        return "^(" + String.join("|", names) + ")$";
    }
}
