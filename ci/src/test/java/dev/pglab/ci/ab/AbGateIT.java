package dev.pglab.ci.ab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.ci.BenchmarkKey;
import dev.pglab.ci.Verdict;
import dev.pglab.harness.measure.LoadGuard;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hard timing gate measured for real: interleaved A/B rounds of the probe benchmark, 8 rounds, one fork per
 * side per round, through JMH's own main on a class path (as for a built base revision). Short iterations and a
 * small, untouched heap in the forks ({@link #SMALL_FORKS}, test only) keep it to a few minutes on a busy machine. The load guard is permissive here: this machine is shared, and the test is about the
 * statistics (the guard's rule has its own test in AbGateTest).
 */
class AbGateIT {
    private static final BenchmarkKey STEADY = BenchmarkKey.parse("dev.pglab.ci.probe.ProbeBench.steady|size=64|avgt");
    private static final BenchmarkKey SLOW = BenchmarkKey.parse("dev.pglab.ci.probe.ProbeBench.slowTarget|size=64|avgt");
    private static final BenchmarkKey ALLOC = BenchmarkKey.parse("dev.pglab.ci.probe.ProbeBench.allocTarget|size=64|avgt");
    private static final AbSettings SEQUENTIAL = AbSettings.standard()
            .withTiming(1, Duration.ofMillis(50), 3, Duration.ofMillis(50))
            .withGuard(new LoadGuard(Double.POSITIVE_INFINITY, 1.0))
            .ignoringJmhLock();
    private static final AbSettings FAST = SEQUENTIAL.fixedRounds();

    /** Test only: the lab's forks pre-touch a 1 GB heap, which dominates 50 ms iterations. */
    private static final List<String> SMALL_FORKS = List.of("-Xms32m", "-XX:-AlwaysPreTouch");

    private static AbSide side(String name, List<String> injection) {
        List<String> forkArgs = new java.util.ArrayList<>(SMALL_FORKS);
        forkArgs.addAll(injection);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new AbSide(name, "this build", Arrays.stream(cp.split(File.pathSeparator)).map(Path::of).toList(), forkArgs);
    }

    private static List<AbGate.Outcome> judge(Path work, AbSide base, AbSide head, List<BenchmarkKey> keys) throws Exception {
        AbGate gate = new AbGate(FAST, new AbRunner(FAST, work, System.out::println), System.out::println);
        List<AbGate.Outcome> outcomes = gate.judge("probe", keys, base, head, Map.of());
        outcomes.forEach(o -> System.out.println(AbGate.describe(o)));
        return outcomes;
    }

    private static AbGate.Outcome of(List<AbGate.Outcome> outcomes, BenchmarkKey key) {
        return outcomes.stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void theSameBuildTwiceIsNeverARegression(@TempDir Path work) throws Exception {
        List<AbGate.Outcome> aa = judge(work, side("base", List.of()), side("head", List.of()), List.of(STEADY, ALLOC));
        assertThat(aa).hasSize(2).noneMatch(o -> o.verdict() == Verdict.REGRESSION);
        assertThat(aa).allSatisfy(o -> {
            assertThat(o.rounds()).hasSize(8);
            assertThat(o.rounds()).extracting(AbRound::baseFirst).containsExactly(true, false, true, false, true, false, true, false);
            assertThat(o.alloc().verdict()).isEqualTo(Verdict.PASS);
        });
    }

    @Test
    void anInjectedSlowdownAndAnInjectedAllocationAreCaught(@TempDir Path work) throws Exception {
        List<AbGate.Outcome> ab = judge(work, side("base", List.of()), side("head", List.of("-Dpglab.probe.inject=slow,alloc")),
                List.of(SLOW, ALLOC));
        AbGate.Outcome slow = of(ab, SLOW);
        assertThat(slow.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(slow.first().pValue()).isLessThan(0.01);
        assertThat(slow.rerun()).isNotNull();
        assertThat(slow.rerun().flagged()).isTrue();
        assertThat(slow.first().medianRatio()).isGreaterThan(1.1);

        AbGate.Outcome alloc = of(ab, ALLOC);
        assertThat(alloc.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(alloc.alloc().verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(alloc.alloc().current() - alloc.alloc().baseline()).isGreaterThan(256);
    }

    /**
     * The calibration hook end to end: the same build on both sides, the head's forks started with
     * -Dpglab.ab.slowdown (CPU time only). A large injection (x4, so this loaded machine cannot hide it) is a
     * timing REGRESSION with bytes/op unchanged, found by the sequential path.
     */
    @Test
    void anInjectedCpuOnlySlowdownIsATimingRegressionWithTheSameBytesPerOp(@TempDir Path work) throws Exception {
        AbGate gate = new AbGate(SEQUENTIAL, new AbRunner(SEQUENTIAL, work, System.out::println), System.out::println);
        AbSide head = AbCalibration.inject(side("head", List.of()), 3.0);
        var judgement = gate.judge(List.of(new AbRunner.Target("probe", List.of(STEADY), side("base", List.of()), head)),
                Map.of(), null);
        AbGate.Outcome o = judgement.outcomes().getFirst();
        System.out.println(AbGate.describe(o));
        assertThat(o.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(o.first().medianRatio()).isGreaterThan(2);
        assertThat(o.alloc().verdict()).isEqualTo(Verdict.PASS);
        assertThat(o.first().detectableSlowdown(SEQUENTIAL)).isLessThan(o.first().medianRatio() - 1);
    }

    /** A time budget shorter than one round: round 1 starts inside it, round 2 would not end in time, so the pass ends. */
    @Test
    void theTimeBudgetEndsThePassAndLeavesKeysInconclusive(@TempDir Path work) throws Exception {
        AbGate gate = new AbGate(SEQUENTIAL, new AbRunner(SEQUENTIAL, work, System.out::println), System.out::println);
        var judgement = gate.judge(List.of(new AbRunner.Target("probe", List.of(STEADY), side("base", List.of()),
                side("head", List.of()))), Map.of(), java.time.Instant.now().plusSeconds(1));
        AbGate.Outcome o = judgement.outcomes().getFirst();
        assertThat(o.rounds()).hasSize(1);
        assertThat(o.stop()).startsWith("time budget reached after 1 round");
        assertThat(o.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(o.detectable(SEQUENTIAL)).isInfinite(); // cut short: it could not have flagged anything
    }
}
