package dev.pglab.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pglab.harness.result.KeyResult;
import dev.pglab.harness.result.LabLayout;
import dev.pglab.harness.result.LabSettings;
import dev.pglab.harness.result.MetricKind;
import dev.pglab.harness.result.ResultFile;
import dev.pglab.harness.result.ResultReader;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabRunnerIT {

    @Test
    void writesJmhJsonWithRawDataAndAllocationInsideTheEnvelope(@TempDir Path root) throws Exception {
        // this checks plumbing, not timings: do not fail when a measured JMH run holds the machine-wide lock
        LabSettings settings = LabSettings.from(Map.of("pglab.root", root.toString(), "pglab.module", "harness-sample",
                "pglab.suite.package", "dev.pglab.harness.jmh.sample", "pglab.budget", "smoke",
                "pglab.options", "jmh.ignoreLock=true"), Map.of());
        new LabRunner().run(settings);
        Path out = LabLayout.of(root).resultFile("harness-sample");

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

        // the aux counters' kinds come from their @Metric declarations, and the reader holds only the declared counter
        assertThat(envelope.path("metricKinds").path("sums").asText()).isEqualTo("counter");
        assertThat(envelope.path("metricKinds").path("sumNanos").asText()).isEqualTo("time");
        KeyResult key = ResultReader.read(out).keys().getFirst();
        assertThat(key.counters()).containsOnlyKeys("sums");
        assertThat(key.metrics().get("sumNanos").kind()).isEqualTo(MetricKind.TIME);
        assertThat(key.metrics().get("undeclared").kind()).isEqualTo(MetricKind.OTHER);
    }
}
