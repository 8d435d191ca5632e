package dev.pglab.ci.ab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.ci.Verdict;
import dev.pglab.harness.measure.LoadGuard;
import dev.pglab.harness.result.BenchmarkKey;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calibration measured for real on the probe benchmark, tiny: 2 trials of the arms base, A/A and a x4 injected
 * slowdown (so this loaded machine cannot hide it), 7 rounds of 1 x 50 ms warm-up and 3 x 50 ms measurement, the
 * gate's early stop and rerun. Each round runs one base fork for both comparisons.
 */
class AbCalibrationIT {
    private static final BenchmarkKey STEADY = BenchmarkKey.parse("dev.pglab.ci.probe.ProbeBench.steady|size=64|avgt");
    private static final AbSettings TINY = AbSettings.standard().withRounds(7)
            .withTiming(1, Duration.ofMillis(50), 3, Duration.ofMillis(50))
            .withGuard(new LoadGuard(Double.POSITIVE_INFINITY, 1.0))
            .ignoringJmhLock();

    private static AbSide side(String name) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new AbSide(name, "this build", Arrays.stream(cp.split(File.pathSeparator)).map(Path::of).toList(),
                List.of("-Xms32m", "-XX:-AlwaysPreTouch"));
    }

    @Test
    void armsShareTheBaseForkAndTheTableCountsEveryTrial(@TempDir Path work) throws Exception {
        List<String> progress = new ArrayList<>();
        java.util.function.Consumer<String> log = line -> {
            System.out.println(line);
            progress.add(line);
        };
        AbGate gate = new AbGate(TINY, new AbRunner(TINY, work, log), log);
        var calibration = new AbCalibration(gate, TINY, log);
        var target = new AbRunner.Target("probe", List.of(STEADY), side("base"), side("head"));
        List<AbCalibration.Trial> trials = calibration.run(List.of(target), List.of(0.0, 3.0), 2, Map.of());

        assertThat(trials).hasSize(4);
        assertThat(trials).filteredOn(t -> t.level() == 0).hasSize(2).noneMatch(t -> t.verdict() == Verdict.REGRESSION);
        assertThat(trials).filteredOn(t -> t.level() == 3.0).hasSize(2).allSatisfy(t -> {
            assertThat(t.verdict()).isEqualTo(Verdict.REGRESSION);
            assertThat(t.medianRatio()).isGreaterThan(2);
            assertThat(t.detectable()).isFinite().isGreaterThan(0); // a flagged key states its spread, never 0 %
        });
        // the plan and an estimate first, then progress lines with elapsed time and time left
        assertThat(progress.getFirst()).startsWith("A/B calibration plan: 2 trial(s); arms base, A/A, +300 %")
                .contains("Estimate: about");
        assertThat(progress).anyMatch(l -> l.startsWith("[calibration trial 2/2, ") && l.contains("elapsed, about"));

        // one base fork per round for both arms: the first pass of the last trial left base, A/A and injected files
        try (Stream<Path> files = Files.list(work)) {
            List<String> round1 = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("first-probe-r1-") && n.endsWith(".json")).sorted().toList();
            assertThat(round1).containsExactly("first-probe-r1-base.json", "first-probe-r1-head-aa.json",
                    "first-probe-r1-head-slow300.json");
        }

        Path md = work.resolve("calibration.md");
        AbCalibration.write(md, "A/B calibration (test)", trials);
        assertThat(Files.readString(md)).contains("| ProbeBench.steady", "| A/A | 2 | 0 |", "| 300 % | 2 | 2 | 0 | 0 |");
        var json = new ObjectMapper().readTree(work.resolve("calibration.json").toFile());
        assertThat(json.get("schema").asText()).isEqualTo("pglab-ab-calibration/1");
        assertThat(json.get("rows")).hasSize(2);
        assertThat(json.get("trials")).hasSize(4);
    }
}
