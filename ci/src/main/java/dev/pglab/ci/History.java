package dev.pglab.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.harness.result.KeyResult;
import dev.pglab.harness.result.RunResults;
import dev.pglab.harness.stats.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The trend record: {@code ci/history/<fingerprintId>.jsonl}, one compact line per main-branch run with, per key,
 * the median of fork medians, the fastest and slowest fork, and bytes/op. The report draws it and marks change
 * points; nothing gates on it.
 */
public final class History {
    private static final ObjectMapper JSON = new ObjectMapper();

    private History() {
    }

    public static Path fileFor(Path root, String fingerprintId) {
        return root.resolve("ci").resolve("history").resolve(fingerprintId + ".jsonl");
    }

    /** Appends one line for the runs of this fingerprint. */
    public static void append(Path file, String commit, String at, String budget, List<RunResults> runs) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("commit", commit);
        line.put("at", at);
        line.put("budget", budget);
        ObjectNode keys = line.putObject("keys");
        for (RunResults run : runs) {
            for (KeyResult k : run.keys()) {
                ObjectNode o = keys.putObject(k.key().id());
                double[] forks = k.forkMedians();
                o.put("module", run.module());
                o.put("unit", k.unit());
                o.put("median", Summary.median(forks));
                o.put("min", Summary.min(forks));
                o.put("max", Summary.max(forks));
                if (k.hasAlloc()) {
                    o.put("alloc", Summary.median(k.allocForks()));
                }
            }
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Every line, oldest first; a malformed line is reported with its number. */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new IOException(file + ":" + n + ": not a JSON history line: " + e.getMessage(), e);
            }
        }
        return lines;
    }
}
