package dev.pglab.ci;

import dev.pglab.ci.ab.AbBuild;
import dev.pglab.ci.ab.AbGate;
import dev.pglab.ci.ab.AbRunner;
import dev.pglab.ci.ab.AbSide;
import dev.pglab.harness.result.BenchmarkKey;
import dev.pglab.harness.result.KeyResult;
import dev.pglab.harness.result.LabLayout;
import dev.pglab.harness.result.ResultReader;
import dev.pglab.harness.result.RunResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One gate run end to end: read result files, judge them against baselines, optionally run the A/B timing
 * gate, write baselines on an explicit update, append the history on main, write gate.json, print the table.
 */
public final class GateRun {
    private final GateOptions options;
    private final PrintStream out;

    public GateRun(GateOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public GateReport run() throws IOException, InterruptedException {
        List<RunResults> runs = ResultReader.readAll(options.resultsDir());
        List<String> notes = new ArrayList<>();
        if (runs.isEmpty()) {
            notes.add("no result files under " + options.resultsDir() + " (run ./mvnw verify -Pbench first)");
        }
        List<KeyVerdict> verdicts = new ArrayList<>(new Gate(options.config()).judge(runs, options.store()));
        String fingerprintId = runs.isEmpty() ? "unknown" : runs.getFirst().fingerprintId();
        String commit = runs.isEmpty() ? gitHead(options.root()) : runs.getFirst().gitCommit();

        if ("ab".equals(options.policy()) || "calibrate".equals(options.policy())) {
            verdicts = abGate(runs, verdicts, fingerprintId, notes);
        }
        if ("update".equals(options.baselineMode())) {
            for (RunResults run : runs) {
                Path written = options.store().update(run);
                notes.add("baseline written: " + options.root().relativize(written.toAbsolutePath())
                        + " (commit it with a 'Perf-Baseline: <reason>' trailer)");
            }
        }
        if (!runs.isEmpty() && appendHistory()) {
            Path file = History.fileFor(options.root(), fingerprintId);
            History.append(file, commit, Instant.now().toString(), runs.getFirst().budget(), runs);
            notes.add("history line appended to " + options.root().relativize(file));
        }
        GateReport report = GateReport.of(Instant.now().toString(), commit, fingerprintId, options.policy(),
                options.baselineMode(), verdicts, notes);
        report.write(options.gateJson());
        report.printTable(out);
        out.println("pglab gate: wrote " + options.gateJson() + (report.exitCode() != 0
                ? " -- REGRESSION fails the build (-Dpglab.gate=warn to report only)" : ""));
        return report;
    }

    private boolean appendHistory() {
        return switch (options.history()) {
            case "append" -> true;
            case "off" -> false;
            default -> "main".equals(currentBranch(options.root()));
        };
    }

    private List<KeyVerdict> abGate(List<RunResults> runs, List<KeyVerdict> verdicts, String fingerprintId,
                                    List<String> notes) throws IOException, InterruptedException {
        Map<String, String> sentinels = sentinels(runs, fingerprintId);
        if (sentinels.isEmpty()) {
            notes.add("A/B skipped: no sentinel keys (declare \"sentinels\" in the baselines or pass -Dpglab.sentinels=REGEX)");
            return verdicts;
        }
        Map<String, Double> thresholds = thresholds(runs);
        boolean calibrate = "calibrate".equals(options.policy());
        String base = calibrate ? "working tree (A/A)" : options.baseRev() != null ? options.baseRev() : defaultBase(options.root());
        Map<String, List<BenchmarkKey>> byModule = new TreeMap<>();
        sentinels.forEach((id, module) -> byModule.computeIfAbsent(module, m -> new ArrayList<>()).add(BenchmarkKey.parse(id)));
        List<String> modules = new ArrayList<>(byModule.keySet());
        AbBuild build = new AbBuild(options.root(), out::println);
        // calibration is A/A: the working tree on both sides, no worktree
        Path tree = calibrate ? null : build.worktree(base);
        List<AbGate.Outcome> outcomes = new ArrayList<>();
        try {
            List<AbSide> headSides = build.build(options.root(), "head", "working tree", modules, List.of());
            List<AbSide> baseSides = calibrate ? headSides : build.build(tree, "base", base, modules, List.of());
            Path work = LabLayout.of(options.root()).ab().resolve("runs");
            AbGate gate = new AbGate(options.ab(), new AbRunner(options.ab(), work, out::println), out::println);
            for (int i = 0; i < modules.size(); i++) {
                outcomes.addAll(gate.judge(modules.get(i), byModule.get(modules.get(i)), baseSides.get(i), headSides.get(i),
                        thresholds));
            }
        } finally {
            if (tree != null) {
                build.removeWorktree(tree);
            }
        }
        notes.add("A/B against " + base + ": " + outcomes.size() + " sentinel key(s), " + options.ab().rounds() + " rounds");
        if (calibrate) {
            calibrate(runs, outcomes, notes);
        }
        return merge(verdicts, outcomes, fingerprintId);
    }

    /** Stores each key's A/A noise (MAD of per-round log ratios) in the baseline of this fingerprint. */
    private void calibrate(List<RunResults> runs, List<AbGate.Outcome> outcomes, List<String> notes) throws IOException {
        for (RunResults run : runs) {
            Path file = options.store().fileFor(run.fingerprintId(), run.module());
            if (!java.nio.file.Files.exists(file)) {
                continue;
            }
            Baseline b = BaselineStore.read(file);
            Map<String, Baseline.Entry> entries = new TreeMap<>(b.benchmarks());
            int n = 0;
            for (AbGate.Outcome o : outcomes) {
                Baseline.Entry e = entries.get(o.key().id());
                if (o.module().equals(run.module()) && e != null) {
                    entries.put(o.key().id(), e.withNoise(new Baseline.Noise(o.first().aaLogMad(), Instant.now().toString())));
                    n++;
                }
            }
            if (n > 0) {
                BaselineStore.write(file, new Baseline(b.schema(), b.module(), b.fingerprintId(), b.fingerprint(),
                        b.benchmarkJvmArgs(), b.source(), b.sentinels(), b.expected(), entries));
                notes.add("A/A noise of " + n + " key(s) written to " + options.root().relativize(file.toAbsolutePath()));
            }
        }
    }

    /** A/B outcomes joined into the baseline verdicts: the worse verdict wins. */
    static List<KeyVerdict> merge(List<KeyVerdict> verdicts, List<AbGate.Outcome> outcomes, String fingerprintId) {
        Map<String, KeyVerdict> byKey = new LinkedHashMap<>();
        verdicts.forEach(v -> byKey.put(v.module() + "/" + v.key(), v));
        for (AbGate.Outcome o : outcomes) {
            String id = o.module() + "/" + o.key().id();
            KeyVerdict v = byKey.get(id);
            if (v == null) {
                byKey.put(id, o.toKeyVerdict(fingerprintId));
            } else {
                byKey.put(id, v.withAb(o.check(), Verdict.worse(v.verdict(), o.verdict()),
                        o.reasons().stream().map(r -> "A/B: " + r).toList()));
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private Map<String, String> sentinels(List<RunResults> runs, String fingerprintId) throws IOException {
        Map<String, String> found = new TreeMap<>();
        if (options.sentinels() != null) {
            Pattern p = Pattern.compile(options.sentinels());
            for (RunResults run : runs) {
                for (KeyResult k : run.keys()) {
                    if (p.matcher(k.key().id()).find()) {
                        found.put(k.key().id(), run.module());
                    }
                }
            }
            return found;
        }
        return options.store().sentinels(fingerprintId);
    }

    private Map<String, Double> thresholds(List<RunResults> runs) throws IOException {
        Map<String, Double> t = new HashMap<>();
        for (RunResults run : runs) {
            var loc = options.store().find(run);
            if (loc.isPresent() && loc.get().sameFingerprint() && loc.get().baseline().benchmarks() != null) {
                loc.get().baseline().benchmarks().forEach((id, e) -> t.put(id, options.config().threshold(e.noise())));
            }
        }
        return t;
    }

    static String defaultBase(Path root) {
        for (String candidate : List.of("origin/main", "main")) {
            try {
                git(root, "rev-parse", "--verify", "--quiet", candidate);
                return candidate;
            } catch (IOException e) {
                // try the next
            }
        }
        return "HEAD~1";
    }

    static String currentBranch(Path root) {
        String env = System.getenv("GITHUB_REF_NAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return git(root, "rev-parse", "--abbrev-ref", "HEAD");
        } catch (IOException e) {
            return "";
        }
    }

    static String gitHead(Path root) {
        try {
            return git(root, "rev-parse", "HEAD");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String git(Path root, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() != 0) {
                throw new IOException("git " + String.join(" ", args) + ": " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
