package dev.pglab.harness.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One module's results: {@code {"schema", "envelope": {...}, "jmh": [JMH JSON, whole], "extra": [...]}}.
 * Non-JMH suites (paced replay, live streams) write JMH-shaped entries into {@code jmh} so the gate and the
 * report read every suite alike; {@code extra} holds measurements that are not per-benchmark scores.
 */
public record ResultFile(RunEnvelope envelope, ArrayNode jmh, List<JsonNode> extra) {
    public static final String SCHEMA = "pglab-result/1";
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .findAndRegisterModules();

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.set("envelope", JSON.valueToTree(envelope));
        root.set("jmh", jmh);
        root.set("extra", JSON.valueToTree(extra));
        JSON.writeValue(file.toFile(), root);
    }

    /** The raw tree, its schema checked; {@link ResultReader} types it (gate, report and suites read through it). */
    public static JsonNode readTree(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        if (node == null || !SCHEMA.equals(node.path("schema").asText())) {
            throw new ResultFileException(file, "not a pglab result file (expected \"schema\": \"" + SCHEMA + "\")");
        }
        return node;
    }
}
