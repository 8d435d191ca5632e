package dev.pglab.ci;

import dev.pglab.ci.ab.AbBuild;
import dev.pglab.ci.ab.AbGate;
import dev.pglab.ci.ab.AbRunner;
import dev.pglab.ci.ab.AbBase;
import dev.pglab.ci.ab.AbRequest;
import dev.pglab.ci.ab.AbSettings;
import dev.pglab.ci.ab.AbSide;
import dev.pglab.ci.ab.ReactorModules;
import dev.pglab.ci.ab.SentinelSet;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One gate run end to end: read result files, judge them against baselines, optionally run the A/B timing
 * gate, write baselines on an explicit update, append the history on main, write gate.json, print the table.
 */
public final class GateRun {
    private final GateOptions options;
    private final AbRequest request;
    private final PrintStream out;

    public GateRun(GateOptions options, PrintStream out) {
        this(options, AbRequest.standard(), out);
    }

    public GateRun(GateOptions options, AbRequest request, PrintStream out) {
        this.options = options;
        this.request = request;
        this.out = out;
    }

    public GateReport run() throws IOException, InterruptedException {
        // nothing measured yet under the default place is a note; any other missing directory is a mistake, and
        // gate.json is left as it was
        if (!options.resultsDir().equals(options.root().resolve("target/pglab/results"))
                && !java.nio.file.Files.exists(options.resultsDir())) {
            throw new java.nio.file.NoSuchFileException(options.resultsDir().toString(), null, "no such results directory");
        }
        List<RunResults> runs = ResultReader.readAll(options.resultsDir());
        List<String> notes = new ArrayList<>();
        if (runs.isEmpty()) {
            notes.add("no result files under " + options.resultsDir() + " (run ./mvnw verify -Pbench first)");
        }
        List<KeyVerdict> verdicts = new ArrayList<>(new Gate(options.config()).judge(runs, options.store()));
        // no result files (a fresh clone's A/B gate): this machine's own fingerprint, not "unknown"
        String fingerprintId = runs.isEmpty() ? dev.pglab.harness.measure.MachineFingerprint.current().id()
                : runs.getFirst().fingerprintId();
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
        if (!runs.isEmpty() && !"calibrate".equals(options.policy())) {
            String budget = runs.getFirst().budget();
            Path file = History.target(options.root(), fingerprintId, options.history(), budget);
            if (file != null) {
                History.append(file, commit, currentBranch(options.root()), Instant.now().toString(), budget, runs);
                notes.add("history line appended to " + options.root().relativize(file));
            } else if ("smoke".equals(budget) && !"off".equals(options.history())) {
                notes.add("history: not recorded (smoke runs never enter it)");
            }
        }
        GateReport report = GateReport.of(Instant.now().toString(), commit, fingerprintId, options.policy(),
                options.baselineMode(), verdicts, notes);
        report.write(options.gateJson());
        java.nio.file.Files.writeString(options.gateJson().resolveSibling("gate.md"), GateMarkdown.render(report));
        report.printTable(out);
        out.println("pglab gate: wrote " + options.gateJson() + (report.exitCode() != 0
                ? " -- REGRESSION fails the build (-Dpglab.gate=warn to report only)" : ""));
        return report;
    }

    private List<KeyVerdict> abGate(List<RunResults> runs, List<KeyVerdict> verdicts, String resultsFingerprint,
                                    List<String> notes) throws IOException, InterruptedException {
        java.time.Instant started = java.time.Instant.now();
        java.time.Instant deadline = options.ab().timeBudget() == null ? null : started.plus(options.ab().timeBudget());
        boolean calibrate = "calibrate".equals(options.policy());
        // the machine this gate runs on, not whatever result files happen to lie around (a fresh clone has none)
        String fingerprintId = dev.pglab.harness.measure.MachineFingerprint.current().id();
        ReactorModules reactor = ReactorModules.read(options.root());
        Map<String, List<String>> resultKeys = new TreeMap<>();
        runs.forEach(r -> r.keys().forEach(k -> resultKeys.computeIfAbsent(r.module(), m -> new ArrayList<>()).add(k.key().id())));
        SentinelSet all = SentinelSet.load(reactor, options.store(), fingerprintId, options.config(), options.sentinels(),
                resultKeys);
        if (all.size() == 0) {
            return notGated(verdicts, notes, "no sentinel keys: none named in the modules' poms (" + SentinelSet.POM_PROPERTY
                    + ") or in ci/baselines/" + fingerprintId + "/*.json" + (options.sentinels() == null ? ""
                    : ", or none matches --sentinels " + options.sentinels()));
        }
        SentinelSet set = all;
        AbBase base = null;
        if (!calibrate) {
            StringBuilder why = new StringBuilder();
            var resolved = AbBase.resolve(options.root(), options.baseRev(), request.target(), why);
            if (resolved.isEmpty()) {
                return notGated(verdicts, notes, why.toString());
            }
            base = resolved.get();
            List<String> changed = base.changedFiles(options.root());
            java.util.Set<String> affected = reactor.affected(changed);
            if (!request.allSentinels()) {
                set = all.only(affected);
            }
            out.printf(java.util.Locale.ROOT, "A/B: base %s (%s); %d file(s) changed; modules affected: %s; sentinels in them: %d of %d%n",
                    base.label(), base.shortSha(), changed.size(), affected.isEmpty() ? "none" : String.join(",", affected),
                    set.size(), all.size());
            if (set.size() == 0) {
                return notGated(verdicts, notes, "the change (" + changed.size() + " file(s)"
                        + (changed.isEmpty() ? "" : ": " + String.join(", ", changed.subList(0, Math.min(5, changed.size())))
                        + (changed.size() > 5 ? ", ..." : "")) + ") touches no module with sentinels ("
                        + String.join(",", all.byModule().keySet()) + "): their code is the same on both sides");
            }
        }
        List<String> modules = new ArrayList<>(set.byModule().keySet());
        AbBuild build = new AbBuild(options.root(), out::println);
        // calibration is A/A: the working tree on both sides, no worktree
        Path tree = calibrate ? null : build.worktree(base.sha());
        List<AbSide> headSides = build.build(options.root(), "head", "working tree", modules, List.of(), false);
        List<AbSide> baseSides = calibrate ? headSides
                : build.build(tree, "base", base.label() + " " + base.shortSha(), modules, List.of(), true);
        out.printf(java.util.Locale.ROOT, "A/B: builds ready after %ds%s%n", java.time.Duration.between(started,
                java.time.Instant.now()).toSeconds(), deadline == null ? "" : "; time budget " + options.ab().timeBudget().toSeconds()
                + "s for the whole A/B run");
        List<AbRunner.Target> targets = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            targets.add(new AbRunner.Target(modules.get(i), set.byModule().get(modules.get(i)), baseSides.get(i), headSides.get(i)));
        }
        Path work = LabLayout.of(options.root()).ab().resolve("runs");
        AbGate gate = new AbGate(options.ab(), new AbRunner(options.ab(), work, out::println), out::println);
        if (calibrate && !request.inject().isEmpty()) {
            return calibratePower(gate, targets, set, verdicts, notes);
        }
        AbGate.Judgement judgement = gate.judge(targets, set.thresholds(), deadline);
        List<AbGate.Outcome> outcomes = judgement.outcomes();
        String against = calibrate ? "working tree (A/A)" : base.label() + " " + base.shortSha();
        notes.add(String.format(java.util.Locale.ROOT, "A/B against %s: %d sentinel key(s) in %s, up to %d rounds, %ds",
                against, outcomes.size(), String.join(",", modules), options.ab().rounds(),
                java.time.Duration.between(started, java.time.Instant.now()).toSeconds()));
        judgement.skipped().forEach((id, why) -> notes.add("A/B: " + id + " not gated: " + why));
        printDetectable(outcomes);
        if (calibrate) {
            calibrate(runs, outcomes, notes, fingerprintId);
        }
        return merge(verdicts, outcomes, fingerprintId, options.ab());
    }

    /** Nothing was gated: say so on the console and in gate.json, never silently. */
    private List<KeyVerdict> notGated(List<KeyVerdict> verdicts, List<String> notes, String why) {
        String line = "A/B NOT RUN: " + why;
        out.println(line);
        notes.add(line);
        return verdicts;
    }

    /** Every sentinel's verdict with the smallest slowdown its run could have flagged, so a PASS states something. */
    private void printDetectable(List<AbGate.Outcome> outcomes) {
        out.println();
        out.println("A/B timing verdicts (slowdown ratio head/base; detectable = smallest slowdown this run could have flagged):");
        out.printf(java.util.Locale.ROOT, "%-13s %-60s %-24s %-7s %-12s %s%n", "VERDICT", "SENTINEL", "RATIO [99% interval]",
                "ROUNDS", "DETECTABLE", "WHY");
        for (AbGate.Outcome o : outcomes) {
            out.printf(java.util.Locale.ROOT, "%-13s %-60s x%.3f [%.3f, %.3f]  %-7d %-12s %s%n", o.verdict().label(),
                    o.key().shortName(), o.first().medianRatio(), o.first().low(), o.first().high(),
                    o.first().ratios().length, AbGate.percent(o.detectable(options.ab())),
                    String.join("; ", o.reasons()) + (o.stop() == null ? "" : " (" + o.stop() + ")"));
        }
    }

    private List<KeyVerdict> calibratePower(AbGate gate, List<AbRunner.Target> targets, SentinelSet set,
                                            List<KeyVerdict> verdicts, List<String> notes) throws IOException, InterruptedException {
        List<Double> levels = new ArrayList<>();
        levels.add(0.0);
        levels.addAll(request.inject());
        int trials = Math.max(1, request.trials());
        java.time.Instant started = java.time.Instant.now();
        var trialsOut = new dev.pglab.ci.ab.AbCalibration(gate, options.ab(), out::println).run(targets, levels, trials,
                set.thresholds());
        String header = String.format(java.util.Locale.ROOT, "A/B calibration on %s, %s: %d trial(s) per level, levels A/A and %s; "
                        + "up to %d rounds of %dx%d ms warm-up + %dx%d ms measurement; %d min",
                set.fingerprintId(), started, trials, request.inject(), options.ab().rounds(), options.ab().warmupIterations(),
                options.ab().warmup().toMillis(), options.ab().iterations(), options.ab().measurement().toMillis(),
                java.time.Duration.between(started, java.time.Instant.now()).toMinutes());
        Path file = LabLayout.of(options.root()).ab().resolve("calibration.md");
        dev.pglab.ci.ab.AbCalibration.write(file, header, trialsOut);
        out.println();
        out.println(header);
        out.print(dev.pglab.ci.ab.AbCalibration.table(trialsOut));
        notes.add("A/B calibration table written to " + options.root().relativize(file) + " (and calibration.json beside it)");
        return verdicts;
    }

    /** Stores each key's A/A noise (MAD of per-round log ratios) in the baseline of this fingerprint. */
    private void calibrate(List<RunResults> runs, List<AbGate.Outcome> outcomes, List<String> notes, String fingerprintId)
            throws IOException {
        for (String module : outcomes.stream().map(AbGate.Outcome::module).distinct().toList()) {
            Path file = options.store().fileFor(fingerprintId, module);
            if (!java.nio.file.Files.exists(file)) {
                notes.add("A/A noise of " + module + " not written: no baseline " + options.root().relativize(file.toAbsolutePath()));
                continue;
            }
            Baseline b = BaselineStore.read(file);
            Map<String, Baseline.Entry> entries = new TreeMap<>(b.benchmarks());
            int n = 0;
            for (AbGate.Outcome o : outcomes) {
                Baseline.Entry e = entries.get(o.key().id());
                if (o.module().equals(module) && e != null) {
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
    static List<KeyVerdict> merge(List<KeyVerdict> verdicts, List<AbGate.Outcome> outcomes, String fingerprintId,
                                  AbSettings settings) {
        Map<String, KeyVerdict> byKey = new LinkedHashMap<>();
        verdicts.forEach(v -> byKey.put(v.module() + "/" + v.key(), v));
        for (AbGate.Outcome o : outcomes) {
            String id = o.module() + "/" + o.key().id();
            KeyVerdict v = byKey.get(id);
            if (v == null) {
                byKey.put(id, o.toKeyVerdict(fingerprintId, settings));
            } else {
                byKey.put(id, v.withAb(o.check(settings), Verdict.worse(v.verdict(), o.verdict()),
                        o.reasons().stream().map(r -> "A/B: " + r).toList()));
            }
        }
        return new ArrayList<>(byKey.values());
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
