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

    /** Rounds per key, in key order. */
    public Map<BenchmarkKey, List<AbRound>> run(Collection<BenchmarkKey> keys, AbSide base, AbSide head, String label)
            throws IOException, InterruptedException {
        Map<BenchmarkKey, List<AbRound>> rounds = new LinkedHashMap<>();
        keys.stream().sorted().forEach(k -> rounds.put(k, new ArrayList<>()));
        for (int r = 1; r <= settings.rounds(); r++) {
            boolean baseFirst = r % 2 == 1;
            progress.accept(String.format(Locale.ROOT, "A/B %s round %d/%d (%s)", label, r, settings.rounds(),
                    baseFirst ? "base, head" : "head, base"));
            Map<BenchmarkKey, KeyResult> first;
            Map<BenchmarkKey, KeyResult> second;
            LoadSample s0 = LoadSample.now();
            first = runSide(baseFirst ? base : head, keys, label + "-r" + r + (baseFirst ? "-base" : "-head"));
            LoadSample s1 = LoadSample.now();
            second = runSide(baseFirst ? head : base, keys, label + "-r" + r + (baseFirst ? "-head" : "-base"));
            LoadSample s2 = LoadSample.now();
            boolean clean = settings.guard().clean(s0, s1) && settings.guard().clean(s1, s2);
            Map<BenchmarkKey, KeyResult> b = baseFirst ? first : second;
            Map<BenchmarkKey, KeyResult> h = baseFirst ? second : first;
            for (BenchmarkKey k : rounds.keySet()) {
                KeyResult kb = require(b, k, base);
                KeyResult kh = require(h, k, head);
                rounds.get(k).add(new AbRound(r, baseFirst, kb.median(), kh.median(), alloc(kb), alloc(kh), clean));
            }
        }
        return rounds;
    }

    private static double alloc(KeyResult k) {
        return k.hasAlloc() ? Summary.median(k.allocForks()) : Double.NaN;
    }

    private static KeyResult require(Map<BenchmarkKey, KeyResult> results, BenchmarkKey k, AbSide side) {
        KeyResult r = results.get(k);
        if (r == null) {
            throw new IllegalStateException("A/B: " + k.id() + " did not run on the " + side.name() + " side ("
                    + side.revision() + "): does that revision have this benchmark and these params?");
        }
        return r;
    }

    /** One fork of every key on one side; returns what JMH measured, by key. */
    Map<BenchmarkKey, KeyResult> runSide(AbSide side, Collection<BenchmarkKey> keys, String tag)
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
            Thread.sleep(5_000);
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
