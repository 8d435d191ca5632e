package dev.pglab.ci.ab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.harness.result.BenchmarkKey;
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
    private static final AbSettings FAST = AbSettings.standard()
            .withTiming(1, Duration.ofMillis(50), 3, Duration.ofMillis(50))
            .withGuard(new LoadGuard(Double.POSITIVE_INFINITY, 1.0))
            .ignoringJmhLock();

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
}
