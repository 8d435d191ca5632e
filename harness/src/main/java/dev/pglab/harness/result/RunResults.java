package dev.pglab.harness.result;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/** One module's result file as the gate and the report see it. */
public record RunResults(Path file, String module, String fingerprintId, JsonNode fingerprint, String gitCommit,
                         String budget, String startedAt, String finishedAt, List<String> benchmarkJvmArgs,
                         List<KeyResult> keys, JsonNode envelope, JsonNode extra, JsonNode jmh) {

    public int javaMajor() {
        return fingerprint.path("javaMajor").asInt(-1);
    }
}
