package dev.pglab.harness.result;

import dev.pglab.harness.jmh.References;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pglab.harness.stats.Summary;
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
 * The one reader of result files ({@code target/pglab/results/*.json}, written by {@link ResultFile}): the gate,
 * the report and the suites that read back a run all get the typed {@link RunResults}. Understands JMH's
 * {@code rawData} ([fork][iteration]) and SampleTime's {@code rawDataHistogram} ([fork][iteration][[value,
 * count]]). Every secondary metric is kept with its {@link MetricKind}; the domain counters per op (the kinds the
 * gate holds) also come from {@code extra} entries shaped {@code {"benchmark", "params", "counters": {name: value
 * per op}}}. A metric's kind is the {@code kind} field of the metric (paced suites, see {@code JmhShaped}), else
 * what the envelope's {@code metricKinds} declares (JMH aux counters, see {@link Metric}; undeclared: OTHER); a
 * file without {@code metricKinds} predates the declarations and gets {@link MetricKind#guessedForOldFiles}.
 * Anything unreadable is a {@link ResultFileException} naming the file.
 */
public final class ResultReader {
    public static final String ALLOC = "gc.alloc.rate.norm";

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
        } catch (ResultFileException e) {
            throw e;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            // Jackson's own message hides the source ("Source: REDACTED"): name the file and the place instead
            throw new ResultFileException(file, "malformed JSON" + where(e) + ": " + e.getOriginalMessage(), e);
        }
        JsonNode env = root.path("envelope");
        String module = env.path("module").asText(file.getFileName().toString().replaceFirst("\\.json$", ""));
        Kinds kinds = Kinds.of(env);
        List<KeyResult> keys = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root.path("jmh")) {
            try {
                keys.add(keyResult(module, entry, env.path("forks"), root.path("extra"), kinds));
            } catch (RuntimeException e) {
                throw new ResultFileException(file, "jmh[" + index + "] (" + entry.path("benchmark").asText("?")
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

    /**
     * A bare JMH JSON array (JMH's own {@code -rf json} output, before LabRunner wraps it): its keys with the
     * kinds LabRunner declares for them, no load readings.
     */
    public static List<KeyResult> readJmh(String module, JsonNode jmh, Map<String, MetricKind> kinds) {
        JsonNode none = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        List<KeyResult> keys = new ArrayList<>();
        for (JsonNode entry : jmh) {
            keys.add(keyResult(module, entry, none, none, new Kinds(kinds)));
        }
        return keys;
    }

    /** The kinds a file declares, or none for a file written before kinds were declared. */
    record Kinds(Map<String, MetricKind> declared) {
        static Kinds of(JsonNode envelope) {
            JsonNode node = envelope.get("metricKinds");
            if (node == null || node.isNull()) {
                return new Kinds(null);
            }
            Map<String, MetricKind> m = new TreeMap<>();
            node.fields().forEachRemaining(e -> m.put(e.getKey(), MetricKind.parse(e.getValue().asText())));
            return new Kinds(m);
        }

        MetricKind of(String name, String unit) {
            return declared == null ? MetricKind.guessedForOldFiles(name, unit)
                    : declared.getOrDefault(name, MetricKind.OTHER);
        }
    }

    /** One JMH entry of a file written before kinds were declared (or whose kinds do not matter). */
    public static KeyResult keyResult(String module, JsonNode entry, JsonNode envForks, JsonNode extra) {
        return keyResult(module, entry, envForks, extra, new Kinds(null));
    }

    static KeyResult keyResult(String module, JsonNode entry, JsonNode envForks, JsonNode extra, Kinds kinds) {
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
        double[] alloc = secondary.has(ALLOC) ? Summary.rowMedians(matrix(secondary.get(ALLOC).path("rawData")))
                : new double[0];
        if (alloc.length > 0) {
            requireNumbers(new double[][] {alloc}, ALLOC);
        }
        Map<String, double[]> counters = new LinkedHashMap<>();
        Map<String, KeyResult.Secondary> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
            var e = it.next();
            String name = e.getKey();
            String unit = e.getValue().path("scoreUnit").asText("");
            MetricKind kind = e.getValue().hasNonNull("kind") ? MetricKind.parse(e.getValue().get("kind").asText())
                    : kinds.of(name, unit);
            metrics.put(name, new KeyResult.Secondary(unit, kind, matrix(e.getValue().path("rawData"))));
            if (kind.gated()) {
                double[] forks = Summary.rowMedians(matrix(e.getValue().path("rawData")));
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
        java.util.Optional<String> reference = entry.hasNonNull(References.FIELD)
                ? java.util.Optional.of(entry.get(References.FIELD).asText()) : java.util.Optional.empty();
        return new KeyResult(module, key, primary.path("scoreUnit").asText(""), raw, alloc, counters, loads, metrics,
                reference);
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

    /** Where in a JSON file Jackson stopped, for messages that name the place (Jackson's own hide the source). */
    public static String where(com.fasterxml.jackson.core.JacksonException e) {
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

    /** {@code rows[fork][iteration]} as numbers; a non-number (JMH writes "NaN" as text) is NaN. */
    public static double[][] matrix(JsonNode rows) {
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
