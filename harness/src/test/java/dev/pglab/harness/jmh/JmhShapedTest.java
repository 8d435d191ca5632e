package dev.pglab.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhShapedTest {

    @Test
    void scoreIsTheMedianOfForkMediansAndRawDataIsKept() {
        ObjectNode node = JmhShaped.of("dev.pglab.x.Suite.run", "thrpt")
                .params(Map.of("sessions", "10"))
                .primary("ops/s", new double[][] {{1, 2, 30}, {4, 5, 6}, {7, 8, 9}})
                .secondary("lateness.p99", "ms", dev.pglab.harness.result.MetricKind.TIME, new double[][] {{3}, {1}})
                .build();
        assertThat(node.path("primaryMetric").path("score").asDouble()).isEqualTo(5.0);
        assertThat(node.path("primaryMetric").path("rawData").get(0).get(2).asDouble()).isEqualTo(30.0);
        assertThat(node.path("forks").asInt()).isEqualTo(3);
        assertThat(node.path("params").path("sessions").asText()).isEqualTo("10");
        assertThat(node.path("secondaryMetrics").path("lateness.p99").path("score").asDouble()).isEqualTo(2.0);
    }

    @Test
    void budgetsParseAndRejectUnknownNames() {
        assertThat(Budget.parse("Smoke").forks).isEqualTo(1);
        assertThat(Budget.parse("full").forks).isEqualTo(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Budget.parse("fast"))
                .hasMessageContaining("expected smoke, quick or full");
    }
}
