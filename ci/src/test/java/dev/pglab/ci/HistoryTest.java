package dev.pglab.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a run's history line goes, and what it records. */
class HistoryTest {

    @Test
    void runsWriteUnderTargetUnlessAskedToAppendAndSmokeNever(@TempDir Path root) {
        assertThat(History.target(root, "fp", "auto", "quick")).isEqualTo(root.resolve("target/pglab/history/fp.jsonl"));
        assertThat(History.target(root, "fp", "append", "full")).isEqualTo(root.resolve("ci/history/fp.jsonl"));
        assertThat(History.target(root, "fp", "off", "full")).isNull();
        assertThat(History.target(root, "fp", "append", "smoke")).isNull();
        assertThat(History.target(root, "fp", "auto", "smoke")).isNull();
    }

    @Test
    void aLineRecordsDateCommitBranchBudgetAndLoad(@TempDir Path root) throws Exception {
        BenchmarkKey key = BenchmarkKey.parse("x.B.m||avgt");
        KeyResult k = new KeyResult("m", key, "ns/op", new double[][] {{10, 11}, {12, 12}}, new double[] {64, 64}, Map.of(),
                List.of(new KeyResult.ForkLoadReading(0, 0.4, 0.6, 0.01), new KeyResult.ForkLoadReading(1, 1.2, 2.0, 0.0)));
        RunResults run = new RunResults(root.resolve("m.json"), "m", "fp", null, "abc", "quick", "s", "f", List.of(),
                List.of(k), null, null, null);
        Path file = History.localFileFor(root, "fp");
        History.append(file, "abc", "feature", "2026-12-02T07:01:02Z", "quick", List.of(run));
        JsonNode line = History.read(file).getFirst();
        assertThat(line.path("date").asText()).isEqualTo("2026-12-02");
        assertThat(line.path("at").asText()).isEqualTo("2026-12-02T07:01:02Z");
        assertThat(line.path("commit").asText()).isEqualTo("abc");
        assertThat(line.path("branch").asText()).isEqualTo("feature");
        assertThat(line.path("budget").asText()).isEqualTo("quick");
        assertThat(line.path("load").path("maxPerCore").asDouble()).isEqualTo(2.0);
        assertThat(line.path("load").path("medianPerCore").asDouble()).isCloseTo(1.3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(line.path("keys").path(key.id()).path("median").asDouble()).isEqualTo(11.25);
        assertThat(History.readAll(root, "fp")).hasSize(1);
        assertThatThrownBy(() -> History.append(file, "abc", "", "t", "smoke", List.of(run)))
                .hasMessageContaining("smoke run never enters a history");
    }
}
