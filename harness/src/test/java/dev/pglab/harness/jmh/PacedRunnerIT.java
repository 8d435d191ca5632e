package dev.pglab.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pglab.harness.result.KeyResult;
import dev.pglab.harness.result.LabLayout;
import dev.pglab.harness.result.LabSettings;
import dev.pglab.harness.result.MetricKind;
import dev.pglab.harness.result.ResultFile;
import dev.pglab.harness.result.ResultReader;
import dev.pglab.harness.result.RunResults;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A paced suite run by LabRunner at the quick budget, judged only from the result file it leaves. */
class PacedRunnerIT {

    @Test
    void everyArmRoundIsItsOwnJvmArmsRotateAndTheFileReadsBackWithDeclaredKinds(@TempDir Path root) throws Exception {
        LabSettings settings = LabSettings.from(Map.of("pglab.root", root.toString(), "pglab.module", "harness-paced",
                "pglab.suite.package", "dev.pglab.harness.jmh.pacedsample", "pglab.budget", "quick"), Map.of());
        new LabRunner().run(settings);
        Path out = LabLayout.of(root).resultFile("harness-paced");
        PacedPlan plan = PacedPlan.of(Budget.QUICK);

        RunResults results = ResultReader.read(out);
        List<KeyResult> keys = results.keys();
        assertThat(keys).hasSize(3);
        Set<Double> pids = new HashSet<>();
        for (KeyResult k : keys) {
            // [round][iteration]: the plan's rounds and measured iterations, one pid per round, none of them ours
            assertThat(k.raw()).hasDimensions(plan.rounds(), plan.iterations());
            for (double[] round : k.raw()) {
                assertThat(round).containsOnly(round[0]);
                assertThat(round[0]).isNotEqualTo((double) ProcessHandle.current().pid());
                pids.add(round[0]);
            }
            // warm-ups ran in the same fork and were discarded: the measured calls start after them
            assertThat(k.metrics().get("calls").raw()[0]).containsExactly(2, 3, 4);
            assertThat(k.metrics().get("calls").kind()).isEqualTo(MetricKind.COUNTER);
            assertThat(k.counters()).containsOnlyKeys("calls");
            assertThat(k.metrics().get("openedAt").kind()).isEqualTo(MetricKind.OTHER);
            assertThat(k.loads()).hasSize(plan.rounds());
            // a metric derived across the arms of a round lands in the arm's entry with its kind
            assertThat(k.metrics().get("openedAfterA").kind()).isEqualTo(MetricKind.TIME);
            if (k.key().params().get("arm").equals("a")) {
                assertThat(k.metrics().get("openedAfterA").raw()[0]).containsOnly(0);
            }
        }
        assertThat(pids).as("a JVM per arm and round").hasSize(3 * plan.rounds());

        // rotation: round 1 runs a, b, c; round 2 runs b, c, a
        for (int round = 0; round < plan.rounds(); round++) {
            int r = round;
            List<String> order = keys.stream()
                    .sorted(Comparator.comparingDouble(k -> k.metrics().get("openedAt").raw()[r][0]))
                    .map(k -> k.key().params().get("arm")).toList();
            assertThat(order).isEqualTo(PacedRunner.rotation(SAMPLE_ARMS, round));
        }

        JsonNode envelope = ResultFile.readTree(out).path("envelope");
        assertThat(envelope.path("forks")).hasSize(3 * plan.rounds());
        assertThat(envelope.path("fixtures").toString()).contains("pid-suite-a", "pid-suite-b", "pid-suite-c");
    }

    private static final List<String> SAMPLE_ARMS = List.of("a", "b", "c");
}
