package dev.pglab.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunPlanTest {

    @Test
    void everyCombinationOfParameterValuesIsOneKey() {
        Map<String, String[]> params = new TreeMap<>(Map.of("b", new String[] {"x", "y"}, "a", new String[] {"1", "2", "3"}));
        assertThat(RunPlan.combinations(params)).containsExactly("a=1,b=x", "a=1,b=y", "a=2,b=x", "a=2,b=y", "a=3,b=x", "a=3,b=y");
        assertThat(RunPlan.combinations(Map.of())).containsExactly("");
    }

    @Test
    void findsTheBenchmarksOnTheClassPathAndAppliesOverrides() {
        RunPlan plan = RunPlan.of("harness", "^\\Qdev.pglab.harness.jmh.sample.\\E(SumBench\\..*)",
                Map.of("size", new String[] {"16", "64"}), Budget.QUICK, List.of());
        assertThat(plan.keys()).extracting(RunPlan.Key::params).containsExactly("size=16", "size=64");
        assertThat(plan.keys()).allSatisfy(k -> assertThat(k.mode()).isEqualTo("avgt"));
    }

    @Test
    void estimateIsForksTimesIterationsPlusOverheadPerKey() {
        var keys = List.of(new RunPlan.Key("a.B.c", "", "thrpt"), new RunPlan.Key("a.B.d", "", "thrpt"));
        RunPlan plan = new RunPlan("m", Budget.QUICK, keys, List.of("PacedThing"));
        // quick: 2 forks x (2 x 1 s + 3 x 1 s + 2 s) x 2 keys = 28 s
        assertThat(plan.jmhEstimate()).isEqualTo(Duration.ofSeconds(28));
        var bytes = new ByteArrayOutputStream();
        plan.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("2 JMH key(s) x 2 fork(s)", "paced suites: PacedThing", "a.B.d [thrpt]",
                "JMH part 0m28s");
    }
}
