package dev.pglab.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pglab.harness.result.ResultFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads {@code target/pglab/results/*.json} (harness {@link ResultFile}) into {@link RunResults}. Understands
 * JMH's {@code rawData} ([fork][iteration]) and SampleTime's {@code rawDataHistogram}
 * ([fork][iteration][[value, count]]). Domain counters per op come from secondary metrics whose unit ends in
 * {@code /op} or whose name ends in {@code PerOp} (except gc.* and measured times), and from {@code extra} entries
 * shaped {@code {"benchmark", "params", "counters": {name: value per op}}}.
 */
public final class ResultReader {
    public static final String ALLOC = "gc.alloc.rate.norm";
    private static final java.util.regex.Pattern TIME_LIKE =
            java.util.regex.Pattern.compile("(?i).*(cpu|time|latency|(ms|us|ns|nanos|millis|seconds)perop).*");

    /**
     * A count the code decides (rows, round trips, WAL bytes, buffer hits): the gate holds it within 1 %. A time
     * per op (e.g. {@code backendCpuMsPerOp}) is a measurement that moves with the machine, so it is reported in
     * the results and the report but never gated as a counter.
     */
    static boolean isDomainCounter(String name, String unit) {
        return !name.startsWith("gc.") && (unit.endsWith("/op") || name.endsWith("PerOp"))
                && !TIME_LIKE.matcher(name).matches();
    }

    private ResultReader() {
    }

    /**
     * Every result file under the directory, sorted by module; a missing directory yields none (nothing measured
     * yet: callers that were given a directory check that it exists), a path that is no directory is an error.
     */
    public static List<RunResults> readAll(Path resultsDir) throws IOException {
        if (!Files.exists(resultsDir)) {
            return List.of();
        }
        if (!Files.isDirectory(resultsDir)) {
            throw new java.nio.file.NotDirectoryException(resultsDir + " (expected a directory of result files)");
        }
        List<RunResults> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(resultsDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                all.add(read(f));
            }
        }
        return all;
    }

    public static RunResults read(Path file) throws IOException {
        JsonNode root;
        try {
            root = ResultFile.readTree(file);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            // Jackson's own message hides the source ("Source: REDACTED"): name the file and the place instead
            throw new IOException(file + ": malformed JSON" + where(e) + ": " + e.getOriginalMessage(), e);
        }
        JsonNode env = root.path("envelope");
        String module = env.path("module").asText(file.getFileName().toString().replaceFirst("\\.json$", ""));
        List<KeyResult> keys = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root.path("jmh")) {
            try {
                keys.add(keyResult(module, entry, env.path("forks"), root.path("extra")));
            } catch (RuntimeException e) {
                throw new IOException(file + ": jmh[" + index + "] (" + entry.path("benchmark").asText("?")
                        + ") is not a JMH result entry: " + e.getMessage(), e);
            }
            index++;
        }
        List<String> jvmArgs = new ArrayList<>();
        env.path("benchmarkJvmArgs").forEach(a -> jvmArgs.add(a.asText()));
        return new RunResults(file, module, env.path("fingerprintId").asText("unknown"), env.path("fingerprint"),
                env.path("gitCommit").asText("unknown"), env.path("budget").asText("?"),
                env.path("startedAt").asText(""), env.path("finishedAt").asText(""), jvmArgs, keys, env,
                root.path("extra"), root.path("jmh"));
    }

    public static KeyResult keyResult(String module, JsonNode entry, JsonNode envForks, JsonNode extra) {
        String benchmark = require(entry, "benchmark").asText();
        String mode = require(entry, "mode").asText();
        Map<String, String> params = new TreeMap<>();
        entry.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        BenchmarkKey key = BenchmarkKey.of(benchmark, params, mode);
        JsonNode primary = require(entry, "primaryMetric");
        double[][] raw = primary.has("rawData") ? matrix(primary.get("rawData"))
                : histogramMedians(require(primary, "rawDataHistogram"));
        if (raw.length == 0) {
            throw new IllegalArgumentException("primaryMetric has no rawData (run JMH with raw data on)");
        }
        requireNumbers(raw, "primaryMetric.rawData");
        JsonNode secondary = entry.path("secondaryMetrics");
        double[] alloc = secondary.has(ALLOC) ? forkMedians(secondary.get(ALLOC).path("rawData")) : new double[0];
        if (alloc.length > 0) {
            requireNumbers(new double[][] {alloc}, ALLOC);
        }
        Map<String, double[]> counters = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
            var e = it.next();
            String name = e.getKey();
            String unit = e.getValue().path("scoreUnit").asText("");
            if (isDomainCounter(name, unit)) {
                double[] forks = forkMedians(e.getValue().path("rawData"));
                if (forks.length > 0 && !Double.isNaN(forks[0])) {
                    counters.put(name, forks);
                }
            }
        }
        for (JsonNode x : extra) {
            if (benchmark.equals(x.path("benchmark").asText()) && x.has("counters") && paramsMatch(x.path("params"), params)) {
                x.get("counters").fields().forEachRemaining(c -> counters.put(c.getKey(), new double[] {c.getValue().asDouble()}));
            }
        }
        List<KeyResult.ForkLoadReading> loads = new ArrayList<>();
        for (JsonNode f : envForks) {
            if (benchmark.equals(f.path("benchmark").asText()) && paramsMatch(f.path("params"), params)) {
                loads.add(new KeyResult.ForkLoadReading(f.path("fork").asInt(), f.path("loadPerCoreBefore").asDouble(Double.NaN),
                        f.path("loadPerCoreAfter").asDouble(Double.NaN), f.path("steal").asDouble(0)));
            }
        }
        return new KeyResult(module, key, primary.path("scoreUnit").asText(""), raw, alloc, counters, loads);
    }

    /** The gate compares these: a NaN or a value that is no number would pass every rule silently. */
    private static void requireNumbers(double[][] m, String what) {
        for (int f = 0; f < m.length; f++) {
            if (m[f].length == 0) {
                throw new IllegalArgumentException(what + " [" + f + "] is empty where iterations' numbers were expected");
            }
            for (int i = 0; i < m[f].length; i++) {
                if (!Double.isFinite(m[f][i])) {
                    throw new IllegalArgumentException(what + " [" + f + "][" + i + "] is " + m[f][i]
                            + " where a finite number was expected");
                }
            }
        }
    }

    static String where(com.fasterxml.jackson.core.JacksonException e) {
        var l = e.getLocation();
        return l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    private static boolean paramsMatch(JsonNode node, Map<String, String> params) {
        Map<String, String> p = new TreeMap<>();
        node.fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().asText()));
        return p.equals(params);
    }

    private static JsonNode require(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return v;
    }

    static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int f = 0; f < rows.size(); f++) {
            JsonNode row = rows.get(f);
            m[f] = new double[row.size()];
            for (int i = 0; i < row.size(); i++) {
                m[f][i] = row.get(i).isNumber() ? row.get(i).asDouble() : Double.NaN;
            }
        }
        return m;
    }

    private static double[] forkMedians(JsonNode rawData) {
        return dev.pglab.ci.stats.Summary.rowMedians(matrix(rawData));
    }

    /** SampleTime: each iteration is a histogram of [value, count]; its median stands for the iteration. */
    private static double[][] histogramMedians(JsonNode hist) {
        double[][] m = new double[hist.size()][];
        for (int f = 0; f < hist.size(); f++) {
            JsonNode fork = hist.get(f);
            m[f] = new double[fork.size()];
            for (int i = 0; i < fork.size(); i++) {
                m[f][i] = weightedMedian(fork.get(i));
            }
        }
        return m;
    }

    private static double weightedMedian(JsonNode pairs) {
        List<double[]> vc = new ArrayList<>();
        long total = 0;
        for (JsonNode p : pairs) {
            vc.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()});
            total += p.get(1).asLong();
        }
        vc.sort((a, b) -> Double.compare(a[0], b[0]));
        long seen = 0;
        for (double[] p : vc) {
            seen += (long) p[1];
            if (seen * 2 >= total) {
                return p[0];
            }
        }
        return Double.NaN;
    }
}
