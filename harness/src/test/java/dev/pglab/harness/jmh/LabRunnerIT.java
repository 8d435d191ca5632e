package dev.pglab.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pglab.harness.result.ResultFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabRunnerIT {

    @Test
    void writesJmhJsonWithRawDataAndAllocationInsideTheEnvelope(@TempDir Path root) throws Exception {
        // this checks plumbing, not timings: do not fail when a measured JMH run holds the machine-wide lock
        System.setProperty("jmh.ignoreLock", "true");
        Path out = ResultFile.pathFor(root, "harness-sample");
        new LabRunner().run("harness-sample", "dev.pglab.harness.jmh.sample", root, Budget.SMOKE, ".*", java.util.Map.of(), false,
                out);

        JsonNode result = ResultFile.readTree(out);
        JsonNode envelope = result.path("envelope");
        assertThat(envelope.path("budget").asText()).isEqualTo("smoke");
        assertThat(envelope.path("fingerprintId").asText()).contains("c-").contains("jdk");
        assertThat(envelope.path("fingerprint").path("cores").asInt()).isPositive();
        assertThat(envelope.path("benchmarkJvmArgs").toString()).contains("-XX:+UseSerialGC");
        assertThat(envelope.path("forks")).hasSize(1);
        assertThat(envelope.path("forks").get(0).path("benchmark").asText()).endsWith("SumBench.copyAndSum");

        JsonNode bench = result.path("jmh").get(0);
        assertThat(bench.path("benchmark").asText()).isEqualTo("dev.pglab.harness.jmh.sample.SumBench.copyAndSum");
        assertThat(bench.path("primaryMetric").path("rawData")).hasSize(1);
        // a 16-long array clone is 16 + 128 bytes: the gc profiler must have been on
        assertThat(bench.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble()).isBetween(100.0, 400.0);
    }
}
