package dev.pglab.harness.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.harness.measure.LoadGuard;
import dev.pglab.harness.measure.MachineFingerprint;
import dev.pglab.harness.result.ForkLoad;
import dev.pglab.harness.result.KeyResult;
import dev.pglab.harness.result.LabLayout;
import dev.pglab.harness.result.LabSettings;
import dev.pglab.harness.result.MetricKind;
import dev.pglab.harness.result.ResultFile;
import dev.pglab.harness.result.ResultReader;
import dev.pglab.harness.result.RunEnvelope;
import dev.pglab.harness.result.RunNotes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.openjdk.jmh.profile.AsyncProfiler;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs one module's suite: its JMH benchmarks, then its {@link PacedSuite}s through {@link PacedRunner}, and writes the module's result file
 * ({@link LabLayout#resultFile}) with the kinds its benchmarks declare ({@link DeclaredMetricKinds}). Configured by
 * {@link LabSettings}, read once in {@link #main} from system properties (exec-maven-plugin mangles JMH's
 * {@code -p}) and handed to the forks on their command line.
 */
public final class LabRunner {

    /** Fixed JVM flags of every benchmark fork, recorded in the envelope. */
    public static List<String> forkJvmArgs() {
        List<String> args = new ArrayList<>(List.of("-Xms1g", "-Xmx1g", "-XX:+UseSerialGC", "-XX:+AlwaysPreTouch",
                "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            args.add("--sun-misc-unsafe-memory-access=allow");
        }
        return args;
    }

    public static void main(String[] args) throws Exception {
        new LabRunner().run(LabSettings.fromSystem());
    }

    void run(LabSettings settings) throws IOException, RunnerException {
        String module = settings.requireModule();
        String pkg = settings.requireSuitePackage();
        LabLayout layout = settings.layout();
        Budget budget = settings.budget();
        Path work = layout.work(module);
        Files.createDirectories(work);
        Path notes = layout.notes(module);
        Files.deleteIfExists(notes);
        Path jmhJson = layout.jmhJson(module);
        Files.deleteIfExists(jmhJson);
        Path out = layout.resultFile(module);
        String started = Instant.now().toString();
        String regex = "^\\Q" + pkg + ".\\E(" + settings.include() + ")";

        List<String> jvmArgs = new ArrayList<>(forkJvmArgs());
        jvmArgs.addAll(settings.withNotes(notes).forkProperties());
        System.out.printf("pglab: %s suite, budget %s, benchmarks matching %s%s%n", module, budget.id(), regex,
                settings.params().isEmpty() ? "" : ", params " + describe(settings.params()));

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(regex)
                .forks(budget.forks)
                .warmupIterations(budget.warmupIterations)
                .warmupTime(TimeValue.milliseconds(budget.warmupMillis))
                .measurementIterations(budget.measurementIterations)
                .measurementTime(TimeValue.milliseconds(budget.measurementMillis))
                .threads(1)
                .shouldFailOnError(true)
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(jmhJson.toString());
        settings.params().forEach(options::param);
        ForkLoadTracker tracker = new ForkLoadTracker(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL), LoadGuard.DEFAULT);
        boolean hasJmh = hasBenchmarks(regex);
        List<PacedSuite> paced = new ArrayList<>();
        for (PacedSuite suite : ServiceLoader.load(PacedSuite.class)) {
            if (suite.getClass().getName().startsWith(pkg + ".")
                    && suite.getClass().getSimpleName().matches(settings.include())) {
                paced.add(suite);
            }
        }
        RunPlan.of(module, regex, settings.params(), budget, paced.stream().map(p -> p.getClass().getSimpleName()).toList())
                .print(System.out);
        long runStart = System.nanoTime();
        if (hasJmh) {
            awaitJmhLock();
            new Runner(options.build(), tracker).run();
        }
        ArrayNode jmh = hasJmh && Files.exists(jmhJson)
                ? (ArrayNode) ResultFile.JSON.readTree(jmhJson.toFile()) : ResultFile.JSON.createArrayNode();
        Map<String, MetricKind> kinds = DeclaredMetricKinds.of(jmh, LabRunner.class.getClassLoader());
        ArrayNode jmhResults = jmh.deepCopy(); // JMH's own entries, before the paced suites add theirs

        List<ForkLoad> forkLoads = new ArrayList<>(tracker.forks());
        PacedRunner pacedRunner = new PacedRunner(jvmArgs, LoadGuard.DEFAULT, System.out);
        for (int i = 0; i < paced.size(); i++) {
            PacedSuite suite = paced.get(i);
            long suiteStart = System.nanoTime();
            // progress as JMH prints it: where we are, and how long the run has taken so far
            System.out.printf("pglab: # Run progress: paced suite %d of %d (%s), %s elapsed%n", i + 1, paced.size(),
                    suite.getClass().getSimpleName(), RunPlan.format(java.time.Duration.ofNanos(System.nanoTime() - runStart)));
            Path suiteWork = work.resolve(suite.getClass().getSimpleName());
            try {
                PacedRunner.Outcome outcome = pacedRunner.run(suite, settings, suiteWork);
                outcome.entries().forEach(jmh::add);
                forkLoads.addAll(outcome.forkLoads());
                // the module's JMH results of this run, typed, for a suite that works on them (in this JVM)
                List<KeyResult> jmhKeys = ResultReader.readJmh(module, jmhResults, kinds);
                Files.createDirectories(suiteWork);
                RunNotes.to(notes, () -> suite.afterJmh(settings, PacedPlan.of(budget), jmhKeys, suiteWork))
                        .forEach(jmh::add);
                System.out.printf("pglab: paced suite %s done: %d result(s) in %s%n", suite.getClass().getSimpleName(),
                        outcome.entries().size(), RunPlan.format(java.time.Duration.ofNanos(System.nanoTime() - suiteStart)));
            } catch (Exception e) {
                throw new IllegalStateException("paced suite " + suite.getClass().getName() + " failed: " + e, e);
            }
        }

        if (settings.asyncProfile() && hasJmh) {
            profilePass(pkg, settings.include(), layout.profiles(module), jvmArgs);
        }

        References.mark(jmh, Thread.currentThread().getContextClassLoader());
        List<JsonNode> allNotes = RunNotes.read(notes);
        List<JsonNode> postgres = distinct(allNotes, "postgres");
        List<JsonNode> fixtures = distinct(allNotes, "fixture");
        List<JsonNode> extra = distinct(allNotes, "measurement");
        MachineFingerprint fp = MachineFingerprint.current();
        RunEnvelope envelope = new RunEnvelope(module, fp, fp.id(), gitCommit(layout.root()), budget.id(), started,
                Instant.now().toString(), jvmArgs.subList(0, forkJvmArgs().size()), postgres, fixtures, forkLoads,
                kinds);
        new ResultFile(envelope, jmh, extra).write(out);
        System.out.printf("pglab: %d results of %s written to %s%n", jmh.size(), module, out);
    }

    private static void awaitJmhLock() throws IOException {
        try {
            JmhLock.awaitFree(java.time.Duration.ofHours(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for JMH's lock", e);
        }
    }

    private static void profilePass(String pkg, String include, Path dir, List<String> jvmArgs)
            throws IOException, RunnerException {
        Path lib = AsyncProfilerLibrary.extractTo(dir);
        // one fork only: JMH 1.37 overwrites a profile per fork; never gate on a profiled run
        awaitJmhLock();
        new Runner(new OptionsBuilder()
                .include("^\\Q" + pkg + ".\\E(" + include + ")")
                .forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1))
                .measurementIterations(2).measurementTime(TimeValue.seconds(1)).threads(1)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .addProfiler(AsyncProfiler.class, "libPath=" + lib + ";output=flamegraph;dir=" + dir)
                .build()).run();
        System.out.printf("pglab: flame graphs under %s%n", dir);
    }

    /** Whether any JMH benchmark on the class path matches, so a run of paced suites alone does not fail. */
    private static boolean hasBenchmarks(String regex) throws IOException {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        var urls = LabRunner.class.getClassLoader().getResources("META-INF/BenchmarkList");
        while (urls.hasMoreElements()) {
            try (var in = urls.nextElement().openStream()) {
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    // "JMH S <len> <class> S <len> <generated> S <len> <method> ...": JMH matches class.method
                    String[] f = line.split(" ");
                    if (f.length > 9 && pattern.matcher(f[3] + "." + f[9]).find()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String describe(Map<String, String[]> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append(b.isEmpty() ? "" : "; ").append(k).append('=').append(String.join("|", v)));
        return b.toString();
    }

    private static List<JsonNode> distinct(List<JsonNode> notes, String kind) {
        return notes.stream().filter(n -> kind.equals(n.path("kind").asText())).distinct().toList();
    }

    static String gitCommit(Path root) {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(root.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
