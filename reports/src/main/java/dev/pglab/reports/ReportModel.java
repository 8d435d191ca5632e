package dev.pglab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pglab.ci.Baseline;
import dev.pglab.ci.BaselineStore;
import dev.pglab.ci.Gate;
import dev.pglab.ci.GateConfig;
import dev.pglab.ci.GateReport;
import dev.pglab.ci.History;
import dev.pglab.ci.KeyVerdict;
import dev.pglab.harness.result.BenchmarkKey;
import dev.pglab.harness.result.KeyResult;
import dev.pglab.harness.result.LabLayout;
import dev.pglab.harness.result.ResultReader;
import dev.pglab.harness.result.RunResults;
import dev.pglab.harness.stats.ChangePoints;
import dev.pglab.harness.stats.Summary;
import dev.pglab.harness.text.Human;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything the report shows, computed once from the typed results, the gate's verdicts ({@code gate.json}, or
 * judged on the spot when the gate did not run), baselines, history, traces and replays. The pages only render it.
 *
 * @param changes  one per key, REGRESSION and MISSING first, then by size of change
 * @param rules    the gate's rules in words, from the {@link GateConfig} that judged
 * @param replays  replay directories (with {@code timeline.json}) a run left under target/pglab
 * @param replayComparisons replays of one capture (same source), two or more, to draw on shared axes
 * @param replaysSkipped  one line per replay directory whose timeline could not be read
 */
public record ReportModel(Path root, GateReport gate, List<String> rules, List<Change> changes, List<Suite> suites,
                          TracePage.Traces traces, List<Path> orphanHgrms, List<Path> flames, List<Path> replays,
                          List<List<Path>> replayComparisons, List<String> replaysSkipped) {

    /** One module's results with its baseline, verdicts, rates against references and history. */
    public record Suite(RunResults run, Optional<BaselineStore.Located> base, List<KeyVerdict> verdicts,
                        List<KeyView> keys, List<Rate> rates, List<String> referenceMethods,
                        List<HistoryChart> history, int historyLines, List<Path> hgrms, List<Path> flames,
                        List<TracePage.Found> traces) {
        public String module() {
            return run.module();
        }

        public Baseline baseline() {
            return base.map(BaselineStore.Located::baseline).orElse(null);
        }
    }

    /** One key: the current measurements and, when the baseline has them, the baseline's. */
    public record KeyView(KeyResult current, Baseline.Entry baseline) {
        public String name() {
            return current.key().shortName();
        }

        public double[][] baselineRaw() {
            return baseline == null ? null : baseline.raw();
        }

        public double[] baselineAlloc() {
            return baseline == null || baseline.allocForks() == null ? new double[0] : baseline.allocForks();
        }
    }

    /** One MB/s figure and, per declared reference, the ratio to that reference on the same params. */
    public record Rate(String method, Map<String, String> params, String label, double mbps, String reference,
                       Map<String, Double> ratios) {
    }

    /** One key's history under one budget: points in time order, the baseline's median, change points. */
    public record HistoryChart(String key, String unit, String budget, List<HistoryPoint> points, double baseline,
                               List<Integer> changePoints) {
    }

    /** One history line's numbers for a key. */
    public record HistoryPoint(String at, String commit, double median, double min, double max) {
    }

    public static ReportModel build(Path root) throws IOException {
        return build(root, GateConfig.standard());
    }

    public static ReportModel build(Path root, GateConfig config) throws IOException {
        root = root.toAbsolutePath().normalize();
        LabLayout layout = LabLayout.of(root);
        List<RunResults> runs = ResultReader.readAll(layout.results());
        BaselineStore store = BaselineStore.under(root);
        Path gateJson = layout.gateJson();
        GateReport gate = Files.exists(gateJson) ? GateReport.read(gateJson)
                : GateReport.of(Instant.now().toString(), runs.isEmpty() ? "unknown" : runs.getFirst().gitCommit(),
                runs.isEmpty() ? "unknown" : runs.getFirst().fingerprintId(), "report-only", "compare",
                new Gate(config).judge(runs, store), List.of("gate.json not found: verdicts computed for this report"));
        List<Change> changes = gate.verdicts().stream().map(Change::of).sorted(Change.ORDER).toList();
        List<Path> hgrms = find(layout.pglab(), ".hgrm", root);
        List<Path> flames = find(layout.profiles(), ".html", root);
        TracePage.Traces traces = TracePage.findAll(layout.traces());
        List<Suite> suites = new ArrayList<>();
        for (RunResults run : runs) {
            Optional<BaselineStore.Located> base = store.find(run);
            Baseline b = base.map(BaselineStore.Located::baseline).orElse(null);
            List<KeyView> keys = run.keys().stream()
                    .map(k -> new KeyView(k, b == null || b.benchmarks() == null ? null : b.benchmarks().get(k.key().id())))
                    .toList();
            List<JsonNode> lines = History.readAll(root, run.fingerprintId());
            List<Rate> rates = rates(run);
            suites.add(new Suite(run, base, gate.verdicts().stream().filter(v -> v.module().equals(run.module())).toList(),
                    keys, rates, rates.stream().filter(r -> r.reference() != null).map(Rate::method).distinct().toList(),
                    history(keys, lines), lines.size(),
                    hgrms.stream().filter(h -> belongsTo(h, run.module())).toList(),
                    flames.stream().filter(f -> belongsTo(f, run.module())).toList(),
                    traces.found().stream().filter(t -> t.module().equals(run.module())).toList()));
        }
        List<Path> orphans = hgrms.stream().filter(h -> runs.stream().noneMatch(r -> belongsTo(h, r.module()))
                && !Files.exists(h.resolveSibling(ReplayPage.TIMELINE))).toList();
        List<Path> replays = new ArrayList<>();
        List<String> replaysSkipped = new ArrayList<>();
        Map<String, List<Path>> bySource = new LinkedHashMap<>();
        for (Path timeline : find(layout.pglab(), ReplayPage.TIMELINE, root)) {
            try {
                String source = ReplayPage.read(timeline.getParent()).timeline().path("source").asText();
                replays.add(timeline.getParent());
                bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(timeline.getParent());
            } catch (IOException e) {
                replaysSkipped.add(e.getMessage());
            }
        }
        List<List<Path>> comparisons = bySource.values().stream().filter(g -> g.size() >= 2).toList();
        return new ReportModel(root, gate, rules(config), changes, suites, traces, orphans, flames, replays, comparisons,
                replaysSkipped);
    }

    /** The gate's rules in words, every number from the config that judged. */
    static List<String> rules(GateConfig c) {
        return List.of(
                String.format(Locale.ROOT, "bytes/op (hard): REGRESSION when the median of forks exceeds baseline × %s + %s "
                        + "on at least 2 of 3 forks", Human.num(1 + c.allocRelative()), Human.bytes(c.allocAbsolute())),
                "domain counters per op (hard): held exactly, or within " + Human.num(100 * c.counterTolerance()) + " %",
                String.format(Locale.ROOT, "timing against the baseline (advisory): SLOWER or FASTER when the %s %% interval "
                        + "of the ratio lies beyond T = max(%s %%, 3 × the key's A/A noise); fails only when every fork is "
                        + "%s× slower than the slowest baseline fork, on a clean machine", Human.num(100 * c.confidence()),
                        Human.num(100 * c.minThreshold()), Human.num(c.catastrophic())),
                "timing, same-job A/B (hard): interleaved builds, REGRESSION when the median ratio exceeds T, a one-sided "
                        + "Wilcoxon test agrees and a rerun confirms",
                String.format(Locale.ROOT, "INCONCLUSIVE, not a failure, when load per core exceeds %s or CPU steal %s %%",
                        Human.num(c.guard().maxLoadPerCore()), Human.num(100 * c.guard().maxSteal())));
    }

    /**
     * MB/s per key, from a metric in MB/s, or from an {@code @AuxCounters(OPERATIONS)} metric named like "bytes"
     * in ops/s (bytes per second / 10^6); ratios against the benchmarks that declare themselves references
     * ({@code @Reference}) on the same params, or a subset of them.
     */
    static List<Rate> rates(RunResults run) {
        record Raw(String method, Map<String, String> params, String label, double mbps, String reference) {
        }
        List<Raw> raw = new ArrayList<>();
        for (KeyResult k : run.keys()) {
            String bench = k.key().benchmark();
            String[] parts = bench.split("\\.");
            String method = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : bench;
            Map<String, String> params = k.key().params();
            String label = k.key().shortName();
            String reference = k.reference().orElse(null);
            if (k.unit().contains("MB/s")) {
                raw.add(new Raw(method, params, label, k.median(), reference));
            }
            k.metrics().forEach((name, m) -> {
                if (name.startsWith("gc.")) {
                    return;
                }
                double median = Summary.medianOfForkMedians(m.raw());
                if (m.unit().contains("MB/s")) {
                    raw.add(new Raw(method, params, label + " " + name, median, reference));
                } else if (m.unit().equals("ops/s") && name.toLowerCase(Locale.ROOT).endsWith("bytes")) {
                    raw.add(new Raw(method, params, label, median / 1e6, reference));
                }
            });
        }
        List<String> refs = raw.stream().filter(r -> r.reference() != null).map(Raw::method).distinct().toList();
        List<Rate> rates = new ArrayList<>();
        for (Raw r : raw) {
            Map<String, Double> ratios = new LinkedHashMap<>();
            for (String ref : refs) {
                raw.stream().filter(x -> x.method().equals(ref) && r.params().entrySet().containsAll(x.params().entrySet()))
                        .max(Comparator.comparingInt(x -> x.params().size()))
                        .ifPresent(m -> ratios.put(ref, r.mbps() / m.mbps()));
            }
            rates.add(new Rate(r.method(), r.params(), r.label(), r.mbps(), r.reference(), ratios));
        }
        return rates;
    }

    /** Per key and budget, the history lines that measured it (at least two), in time order. */
    static List<HistoryChart> history(List<KeyView> keys, List<JsonNode> lines) {
        List<HistoryChart> charts = new ArrayList<>();
        List<JsonNode> ordered = lines.stream().sorted(Comparator.comparing(l -> l.path("at").asText(""))).toList();
        for (KeyView k : keys) {
            Map<String, List<HistoryPoint>> byBudget = new TreeMap<>();
            for (JsonNode line : ordered) {
                JsonNode v = line.path("keys").path(k.current().key().id());
                if (v.has("median")) {
                    byBudget.computeIfAbsent(line.path("budget").asText("unknown"), b -> new ArrayList<>())
                            .add(new HistoryPoint(line.path("at").asText(""), line.path("commit").asText(""),
                                    v.get("median").asDouble(), v.path("min").asDouble(Double.NaN),
                                    v.path("max").asDouble(Double.NaN)));
                }
            }
            double baseline = k.baselineRaw() == null ? Double.NaN : Summary.median(Summary.rowMedians(k.baselineRaw()));
            byBudget.forEach((budget, points) -> {
                if (points.size() >= 2) {
                    charts.add(new HistoryChart(k.name(), k.current().unit(), budget, points, baseline,
                            ChangePoints.standard().find(points.stream().mapToDouble(HistoryPoint::median).toArray())));
                }
            });
        }
        return charts;
    }

    /** A file belongs to a suite when a directory is named after the module or its name starts with the subject. */
    static boolean belongsTo(Path file, String module) {
        for (Path part : file) {
            if (part.toString().equals(module)) {
                return true;
            }
        }
        String subject = module.replaceFirst("^bench-", "");
        return file.getFileName().toString().startsWith(subject);
    }

    private static List<Path> find(Path dir, String suffix, Path root) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Path report = LabLayout.of(root).report();
        try (Stream<Path> s = Files.walk(dir, 8)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && !p.startsWith(report)).sorted().toList();
        }
    }
}
