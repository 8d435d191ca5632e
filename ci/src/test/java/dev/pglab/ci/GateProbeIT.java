package dev.pglab.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.harness.measure.LoadGuard;
import dev.pglab.harness.result.ResultReader;
import dev.pglab.harness.result.RunResults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate against committed baselines, on results measured for real: the probe benchmark is run through
 * LabRunner four times: two clean runs and one with an injected allocation (smoke budget, one fork), and
 * slowTarget alone with an injected slowdown at the quick budget (two forks: the catastrophic rule never fails
 * a build on one fork).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateProbeIT {
    private static final String STEADY = "dev.pglab.ci.probe.ProbeBench.steady|size=64|avgt";
    private static final String SLOW = "dev.pglab.ci.probe.ProbeBench.slowTarget|size=64|avgt";
    private static final String ALLOC = "dev.pglab.ci.probe.ProbeBench.allocTarget|size=64|avgt";
    /** The statistics under test, not this machine's load: the load guard's own rule is tested with a strict guard. */
    private static final GateConfig ANY_LOAD = GateConfig.standard().withGuard(new LoadGuard(Double.POSITIVE_INFINITY, 1.0));

    private Path root;
    private Path clean1;
    private Path clean2;
    private Path alloc;
    private Path slow;

    @BeforeAll
    void measure(@TempDir Path dir) throws Exception {
        root = dir;
        clean1 = keep(ProbeRuns.run(root, ""), "clean1");
        clean2 = keep(ProbeRuns.run(root, ""), "clean2");
        alloc = keep(ProbeRuns.run(root, "alloc"), "alloc");
        // two forks: the catastrophic rule never fails a build on a single fork
        slow = keep(ProbeRuns.run(root, "slow", "quick", "ProbeBench.slowTarget"), "slow");
    }

    private Path keep(Path resultFile, String name) throws IOException {
        Path dir = root.resolve("runs").resolve(name);
        Files.createDirectories(dir);
        Files.copy(resultFile, dir.resolve("probe.json"));
        return dir;
    }

    private GateReport gate(Path results, BaselineStore store, GateConfig config, String policy, String baselineMode)
            throws Exception {
        GateOptions o = GateOptions.defaults(root).withResults(results).withStore(store).withConfig(config)
                .withGateJson(root.resolve("gate-" + results.getFileName() + ".json"))
                .with(policy, baselineMode, null, null, "off");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        GateReport report = new GateRun(o, new PrintStream(console, true, StandardCharsets.UTF_8)).run();
        System.out.println(console.toString(StandardCharsets.UTF_8));
        return report;
    }

    private BaselineStore baselineFrom(Path results, String name) throws Exception {
        BaselineStore store = new BaselineStore(root.resolve("baselines-" + name));
        gate(results, store, ANY_LOAD, "fail", "update");
        return store;
    }

    private static KeyVerdict verdict(GateReport r, String key) {
        return r.verdicts().stream().filter(v -> v.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void withoutABaselineEveryKeyIsNewAndTheBuildPasses() throws Exception {
        GateReport r = gate(clean1, new BaselineStore(root.resolve("empty")), GateConfig.standard(), "fail", "compare");
        assertThat(r.verdicts()).hasSize(3).allMatch(v -> v.verdict() == Verdict.NEW);
        assertThat(r.exitCode()).isZero();
        assertThat(GateReport.read(root.resolve("gate-clean1.json")).verdicts()).hasSize(3);
    }

    @Test
    void anUpdateWritesTheBaselineAndASecondCleanRunIsNoRegression() throws Exception {
        BaselineStore store = baselineFrom(clean1, "aa");
        RunResults run = ResultReader.read(clean1.resolve("probe.json"));
        Path file = store.fileFor(run.fingerprintId(), "probe");
        assertThat(file).exists();
        Baseline b = BaselineStore.read(file);
        assertThat(b.benchmarks()).containsOnlyKeys(STEADY, SLOW, ALLOC);
        assertThat(b.source().budget()).isEqualTo("smoke");

        GateReport r = gate(clean2, store, GateConfig.standard(), "fail", "compare");
        assertThat(r.verdicts()).hasSize(3).noneMatch(v -> v.verdict() == Verdict.REGRESSION);
        assertThat(r.exitCode()).isZero();
        assertThat(verdict(r, ALLOC).alloc().verdict()).isEqualTo(Verdict.PASS);
        assertThat(verdict(r, STEADY).timing()).isNotNull();
    }

    @Test
    void anInjectedAllocationIsARegressionThatFailsTheBuildUnlessWarned() throws Exception {
        BaselineStore store = baselineFrom(clean1, "alloc");
        GateReport r = gate(alloc, store, GateConfig.standard(), "fail", "compare");
        KeyVerdict v = verdict(r, ALLOC);
        assertThat(v.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(v.alloc().verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(v.alloc().current() - v.alloc().baseline()).isGreaterThan(256);
        assertThat(verdict(r, STEADY).verdict()).isNotEqualTo(Verdict.REGRESSION);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.verdicts().getFirst().key()).isEqualTo(ALLOC); // regressions first
        assertThat(gate(alloc, store, GateConfig.standard(), "warn", "compare").exitCode()).isZero();
    }

    @Test
    void anInjectedSlowdownIsCatastrophicUnderACleanLoadGuardAndInconclusiveUnderADirtyOne() throws Exception {
        BaselineStore store = baselineFrom(clean1, "slow");
        KeyVerdict clean = verdict(gate(slow, store, ANY_LOAD, "fail", "compare"), SLOW);
        assertThat(clean.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(clean.timing().catastrophic()).isTrue();
        assertThat(clean.timing().ratio()).isGreaterThan(3);

        // one fork is never enough to fail on time: the smoke run with the allocation went through one fork
        KeyVerdict oneFork = verdict(gate(alloc, store, ANY_LOAD, "fail", "compare"), STEADY);
        assertThat(oneFork.verdict()).isNotEqualTo(Verdict.REGRESSION);

        GateConfig strict = GateConfig.standard().withGuard(new LoadGuard(-1, 0));
        KeyVerdict dirty = verdict(gate(slow, store, strict, "fail", "compare"), SLOW);
        assertThat(dirty.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(dirty.timing().loadClean()).isFalse();
    }

    @Test
    void aBaselineFromAnotherFingerprintStillGatesBytesButMarksTimingNotComparable() throws Exception {
        BaselineStore own = baselineFrom(clean1, "foreign-src");
        RunResults run = ResultReader.read(clean1.resolve("probe.json"));
        Baseline b = BaselineStore.read(own.fileFor(run.fingerprintId(), "probe"));
        ObjectNode otherMachine = ((ObjectNode) b.fingerprint().deepCopy()).put("cpuModel", "Some Other CPU");
        BaselineStore foreign = new BaselineStore(root.resolve("baselines-foreign"));
        BaselineStore.write(foreign.fileFor("other-machine", "probe"), new Baseline(b.schema(), b.module(), "other-machine",
                otherMachine, b.benchmarkJvmArgs(), b.source(), b.sentinels(), b.expected(), b.benchmarks()));

        GateReport withAlloc = gate(alloc, foreign, ANY_LOAD, "fail", "compare");
        assertThat(verdict(withAlloc, ALLOC).verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(verdict(withAlloc, ALLOC).baselineFingerprint()).isEqualTo("other-machine");
        assertThat(verdict(withAlloc, ALLOC).timing().verdict()).isEqualTo(Verdict.NOT_COMPARABLE);

        KeyVerdict slowKey = verdict(gate(slow, foreign, ANY_LOAD, "fail", "compare"), SLOW);
        assertThat(slowKey.timing().ratio()).isGreaterThan(3);
        assertThat(slowKey.verdict()).isEqualTo(Verdict.PASS); // timing is not comparable, bytes/op unchanged
        assertThat(slowKey.alloc().verdict()).isEqualTo(Verdict.PASS);
        assertThat(slowKey.timing().verdict()).isEqualTo(Verdict.NOT_COMPARABLE);

        ObjectNode otherJdk = otherMachine.deepCopy().put("javaMajor", run.javaMajor() - 4);
        BaselineStore otherJvm = new BaselineStore(root.resolve("baselines-otherjdk"));
        BaselineStore.write(otherJvm.fileFor("other-jdk", "probe"), new Baseline(b.schema(), b.module(), "other-jdk",
                otherJdk, b.benchmarkJvmArgs(), b.source(), b.sentinels(), b.expected(), b.benchmarks()));
        assertThat(gate(alloc, otherJvm, ANY_LOAD, "fail", "compare").verdicts())
                .allMatch(v -> v.verdict() == Verdict.NOT_COMPARABLE);
    }

    @Test
    void aDeclaredExpectedRegressionPassesWithinItsBoundAndFailsPastIt() throws Exception {
        BaselineStore store = baselineFrom(clean1, "expected");
        RunResults run = ResultReader.read(clean1.resolve("probe.json"));
        Path file = store.fileFor(run.fingerprintId(), "probe");
        Baseline b = BaselineStore.read(file);

        declare(file, b, Map.of(ALLOC, new Baseline.Expected("alloc", 1.0, 300, "buffers one row copy")));
        KeyVerdict within = verdict(gate(alloc, store, ANY_LOAD, "fail", "compare"), ALLOC);
        assertThat(within.alloc().verdict()).isEqualTo(Verdict.PASS);
        assertThat(within.verdict()).isNotEqualTo(Verdict.REGRESSION); // one smoke fork: timing is INCONCLUSIVE
        assertThat(within.reasons()).anyMatch(r -> r.contains("buffers one row copy"));

        declare(file, b, Map.of(ALLOC, new Baseline.Expected("alloc", 1.0, 100, "buffers one row copy")));
        assertThat(verdict(gate(alloc, store, ANY_LOAD, "fail", "compare"), ALLOC).verdict()).isEqualTo(Verdict.REGRESSION);

        declare(file, b, Map.of(SLOW, new Baseline.Expected("time", 2.0, 0, "slower by design, within 2x")));
        assertThat(verdict(gate(slow, store, ANY_LOAD, "fail", "compare"), SLOW).verdict()).isEqualTo(Verdict.REGRESSION);

        // an update keeps what people declared
        gate(clean2, store, ANY_LOAD, "fail", "update");
        assertThat(BaselineStore.read(file).expected()).containsKey(SLOW);
    }

    @Test
    void aBaselineKeyThatDidNotRunIsMissing() throws Exception {
        BaselineStore store = baselineFrom(clean1, "missing");
        RunResults run = ResultReader.read(clean1.resolve("probe.json"));
        Path file = store.fileFor(run.fingerprintId(), "probe");
        Baseline b = BaselineStore.read(file);
        Map<String, Baseline.Entry> entries = new TreeMap<>(b.benchmarks());
        entries.put("dev.pglab.ci.probe.ProbeBench.renamed|size=64|avgt", b.benchmarks().get(STEADY));
        BaselineStore.write(file, new Baseline(b.schema(), b.module(), b.fingerprintId(), b.fingerprint(),
                b.benchmarkJvmArgs(), b.source(), b.sentinels(), b.expected(), entries));
        GateReport r = gate(clean2, store, ANY_LOAD, "fail", "compare");
        assertThat(r.counts().get(Verdict.MISSING)).isEqualTo(1);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aSmokeRunCannotFailBytesAgainstAWarmedBaseline() throws Exception {
        BaselineStore store = baselineFrom(clean1, "warmed");
        RunResults run = ResultReader.read(clean1.resolve("probe.json"));
        Path file = store.fileFor(run.fingerprintId(), "probe");
        Baseline b = BaselineStore.read(file);
        // the same numbers labelled as measured at the quick budget (with warm-up)
        BaselineStore.write(file, new Baseline(b.schema(), b.module(), b.fingerprintId(), b.fingerprint(),
                b.benchmarkJvmArgs(), new Baseline.Source(b.source().commit(), "quick", b.source().measuredAt(),
                b.source().writtenAt()), b.sentinels(), b.expected(), b.benchmarks()));
        KeyVerdict v = verdict(gate(alloc, store, ANY_LOAD, "fail", "compare"), ALLOC);
        assertThat(v.alloc().verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.reasons()).anyMatch(r -> r.contains("smoke budget"));
    }

    private static void declare(Path file, Baseline b, Map<String, Baseline.Expected> expected) throws IOException {
        BaselineStore.write(file, new Baseline(b.schema(), b.module(), b.fingerprintId(), b.fingerprint(),
                b.benchmarkJvmArgs(), b.source(), List.of(), expected, b.benchmarks()));
    }
}
