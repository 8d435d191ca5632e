package dev.pglab.harness.result;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pglab.harness.measure.MachineFingerprint;
import java.util.List;
import java.util.Map;

/**
 * Everything about a run except the measurements: where, with what, on which commit, under which budget,
 * against which PostgreSQL and fixtures, how loaded the machine was around each fork, and the declared kind of
 * every secondary metric ({@code metricKinds}, see {@link MetricKind}).
 */
public record RunEnvelope(String module, MachineFingerprint fingerprint, String fingerprintId, String gitCommit,
                          String budget, String startedAt, String finishedAt, List<String> benchmarkJvmArgs,
                          List<JsonNode> postgres, List<JsonNode> fixtures, List<ForkLoad> forks,
                          Map<String, MetricKind> metricKinds) {
}
