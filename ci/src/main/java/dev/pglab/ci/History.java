package dev.pglab.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.ci.stats.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The trend record, one compact line per run with, per key, the median of fork medians, the fastest and slowest
 * fork, and bytes/op; every line also records when (date and instant), the commit and branch, the budget, and
 * the load per core around its forks (so charts can keep to one budget and readers can discount loaded runs).
 * A run writes {@code target/pglab/history/<fingerprintId>.jsonl} (the checkout stays clean); only
 * {@code -Dpglab.history=append} (what CI on the main branch passes) appends to the tracked
 * {@code ci/history/<fingerprintId>.jsonl}. Smoke runs never enter a history: without warm-up their timings
 * are not the same quantity. The report draws it and marks change points; nothing gates on it.
 */
public final class History {
    private static final ObjectMapper JSON = new ObjectMapper();

    private History() {
    }

    /** The tracked history of a fingerprint (appended only on request). */
    public static Path fileFor(Path root, String fingerprintId) {
        return root.resolve("ci").resolve("history").resolve(fingerprintId + ".jsonl");
    }

    /** The local history of a fingerprint, under target/ (every non-smoke run by default). */
    public static Path localFileFor(Path root, String fingerprintId) {
        return root.resolve("target").resolve("pglab").resolve("history").resolve(fingerprintId + ".jsonl");
    }

    /** Where a run's line goes for a history mode (auto | append | off), or null when it is not recorded. */
    public static Path target(Path root, String fingerprintId, String mode, String budget) {
        if ("off".equals(mode) || "smoke".equals(budget)) {
            return null;
        }
        return "append".equals(mode) ? fileFor(root, fingerprintId) : localFileFor(root, fingerprintId);
    }

    /** The tracked lines, then the local ones: what a report of this checkout can draw. */
    public static List<JsonNode> readAll(Path root, String fingerprintId) throws IOException {
        List<JsonNode> lines = new ArrayList<>(read(fileFor(root, fingerprintId)));
        lines.addAll(read(localFileFor(root, fingerprintId)));
        return lines;
    }

    /** Appends one line for the runs of this fingerprint. */
    public static void append(Path file, String commit, String at, String budget, List<RunResults> runs) throws IOException {
        append(file, commit, "", at, budget, runs);
    }

    /** Appends one line for the runs of this fingerprint; smoke runs are refused. */
    public static void append(Path file, String commit, String branch, String at, String budget, List<RunResults> runs)
            throws IOException {
        if ("smoke".equals(budget)) {
            throw new IllegalArgumentException("a smoke run never enters a history (no warm-up: not the same timings)");
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("commit", commit);
        line.put("branch", branch);
        line.put("at", at);
        line.put("date", at.length() >= 10 ? at.substring(0, 10) : at);
        line.put("budget", budget);
        double[] loads = runs.stream().flatMap(r -> r.keys().stream()).flatMap(k -> k.loads().stream())
                .mapToDouble(KeyResult.ForkLoadReading::maxLoadPerCore).filter(Double::isFinite).toArray();
        double[] steal = runs.stream().flatMap(r -> r.keys().stream()).flatMap(k -> k.loads().stream())
                .mapToDouble(KeyResult.ForkLoadReading::steal).filter(Double::isFinite).toArray();
        ObjectNode load = line.putObject("load");
        if (loads.length > 0) {
            load.put("medianPerCore", Summary.median(loads));
            load.put("maxPerCore", Summary.max(loads));
        }
        if (steal.length > 0) {
            load.put("maxSteal", Summary.max(steal));
        }
        load.put("forks", loads.length);
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
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new IOException(file + ":" + n + ": not a JSON history line: " + e.getOriginalMessage(), e);
            }
        }
        return lines;
    }
}
