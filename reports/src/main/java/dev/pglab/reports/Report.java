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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the lab's self-contained HTML report: {@code index.html} (environment, the verdict table first, links)
 * and one page per suite (baseline vs current bars with intervals, per-fork distributions, bytes/op,
 * percentile plots of any {@code .hgrm} under target/pglab, tables a suite left in {@code extra}, MB/s against
 * references, history with change points, flame graph links), and a page per session trace profile found under
 * {@code target/pglab/traces/<name>/trace-profile.json} ({@link TracePage}). Generic over whatever results exist. Charts are
 * inline SVG; nothing is loaded from the network.
 */
public final class Report {
    /** Benchmarks that are yardsticks for others: reading the bytes, a naive implementation, a reference. */
    private static final Pattern REFERENCE = Pattern.compile("(?i)reference|naive|readbytes|rawread|\\bwc\\b");
    private final Path root;
    private final Path outDir;
    private final Svg svg = new Svg();

    public Report(Path root, Path outDir) {
        this.root = root.toAbsolutePath().normalize();
        this.outDir = outDir.toAbsolutePath().normalize();
    }

    /** {@code <root>/target/pglab/report}. */
    public static Path defaultDir(Path root) {
        return LabLayout.of(root).report();
    }

    /** Writes every page; returns index.html. */
    public Path write() throws IOException {
        LabLayout layout = LabLayout.of(root);
        List<RunResults> runs = ResultReader.readAll(layout.results());
        BaselineStore store = BaselineStore.under(root);
        Path gateJson = layout.gateJson();
        GateReport gate = Files.exists(gateJson) ? GateReport.read(gateJson)
                : GateReport.of(Instant.now().toString(), runs.isEmpty() ? "unknown" : runs.getFirst().gitCommit(),
                runs.isEmpty() ? "unknown" : runs.getFirst().fingerprintId(), "report-only", "compare",
                new Gate(GateConfig.standard()).judge(runs, store), List.of("gate.json not found: verdicts computed for this report"));
        List<Path> hgrms = find(layout.pglab(), ".hgrm");
        List<Path> flames = find(layout.profiles(), ".html");
        TracePage.Traces traceProfiles = TracePage.findAll(layout.traces());
        List<TracePage.Found> traces = traceProfiles.found();
        Files.createDirectories(outDir);
        for (TracePage.Found t : traces) {
            Files.writeString(outDir.resolve(t.page()), Html.page("pglab trace " + t.name(),
                    header("Session trace " + t.name()) + TracePage.body(t.profile(), svg,
                            TracePage.sessionFiles(t.file().getParent(), outDir))));
        }
        Path index = outDir.resolve("index.html");
        Files.writeString(index, Html.page("pglab report", index(runs, gate, flames, traceProfiles)));
        for (RunResults run : runs) {
            Optional<BaselineStore.Located> base = store.find(run);
            List<JsonNode> history = History.read(History.fileFor(root, run.fingerprintId()));
            Files.writeString(outDir.resolve(page(run.module())), Html.page("pglab " + run.module(),
                    suite(run, base, gate, history, hgrms.stream().filter(h -> belongsTo(h, run.module())).toList(),
                            flames.stream().filter(f -> belongsTo(f, run.module())).toList(),
                            traces.stream().filter(t -> t.module().equals(run.module())).toList())));
        }
        List<Path> orphanHgrms = hgrms.stream().filter(h -> runs.stream().noneMatch(r -> belongsTo(h, r.module()))).toList();
        if (!orphanHgrms.isEmpty()) {
            Files.writeString(outDir.resolve("latency.html"), Html.page("pglab latency",
                    header("Latency distributions") + "<main>" + percentiles(orphanHgrms) + "</main>"));
        }
        return index;
    }

    static String page(String module) {
        return "suite-" + module.replaceAll("[^A-Za-z0-9_.-]", "_") + ".html";
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

    private static List<Path> find(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir, 8)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && !p.toString().contains("/report/"))
                    .sorted().toList();
        }
    }

    private String header(String title) {
        return "<header><h1>" + Html.esc(title) + "</h1><nav><a href=\"index.html\">overview</a></nav></header>";
    }

    // ---------------------------------------------------------------- overview

    private String index(List<RunResults> runs, GateReport gate, List<Path> flames, TracePage.Traces traces) {
        StringBuilder b = new StringBuilder(header("pglab report"));
        b.append("<main>");
        b.append("<h2>Verdicts</h2>");
        b.append("<p>").append(summary(gate)).append(" &middot; gate policy <code>").append(Html.esc(gate.policy()))
                .append("</code>, baseline mode <code>").append(Html.esc(gate.baselineMode())).append("</code>. ")
                .append("Bytes/op and counters gate hard; timing against the baseline is advisory (only the catastrophic "
                        + "rule fails); same-job A/B gates timing. Sorted by verdict, then size of change.</p>");
        b.append(verdictTable(gate.verdicts(), true));
        gate.notes().forEach(n -> b.append("<p><em>").append(Html.esc(n)).append("</em></p>"));
        b.append("<h2>Suites</h2><ul>");
        for (RunResults r : runs) {
            b.append("<li><a href=\"").append(page(r.module())).append("\">").append(Html.esc(r.module())).append("</a> &mdash; ")
                    .append(r.keys().size()).append(" keys, budget ").append(Html.esc(r.budget())).append("</li>");
        }
        if (runs.isEmpty()) {
            b.append("<li>no result files under target/pglab/results: run <code>./mvnw verify -Pbench</code></li>");
        }
        if (Files.exists(outDir.resolve("latency.html"))) {
            b.append("<li><a href=\"latency.html\">latency distributions (.hgrm)</a></li>");
        }
        b.append("</ul>");
        b.append(traceLinks(traces.found()));
        traces.skipped().forEach(m -> b.append("<p class=\"skipped\"><em>trace profile skipped: ").append(Html.esc(m))
                .append("</em></p>"));
        b.append("<h2>Environment</h2>");
        if (!runs.isEmpty()) {
            RunResults r = runs.getFirst();
            JsonNode fp = r.fingerprint();
            b.append("<dl class=\"env\">");
            env(b, "fingerprint", r.fingerprintId());
            env(b, "CPU", fp.path("cpuModel").asText() + " (" + fp.path("cores").asInt() + " cores)");
            env(b, "memory", String.format(Locale.ROOT, "%.1f GiB", fp.path("memoryBytes").asDouble() / (1L << 30)));
            env(b, "OS", fp.path("kernel").asText() + " " + fp.path("arch").asText());
            env(b, "JDK", fp.path("jdkVendor").asText() + " " + fp.path("jdkVersion").asText());
            env(b, "JMH", fp.path("jmhVersion").asText());
            env(b, "benchmark JVM flags", String.join(" ", r.benchmarkJvmArgs()));
            env(b, "git commit", r.gitCommit());
            for (RunResults run : runs) {
                double load = run.keys().stream().flatMap(k -> k.loads().stream())
                        .mapToDouble(KeyResult.ForkLoadReading::maxLoadPerCore).filter(Double::isFinite).max().orElse(Double.NaN);
                double steal = run.keys().stream().flatMap(k -> k.loads().stream())
                        .mapToDouble(KeyResult.ForkLoadReading::steal).max().orElse(Double.NaN);
                env(b, run.module(), "budget " + run.budget() + ", " + run.startedAt() + " .. " + run.finishedAt()
                        + ", max load per core " + Html.num(load) + ", max steal " + Html.num(100 * steal) + " %"
                        + postgres(run));
            }
            b.append("</dl>");
        }
        b.append(flameLinks(flames));
        b.append("<p><small>written ").append(Instant.now()).append(" by pglab reports</small></p></main>");
        return b.toString();
    }

    private static String postgres(RunResults run) {
        JsonNode pg = run.envelope().path("postgres");
        if (!pg.isArray() || pg.isEmpty()) {
            return "";
        }
        JsonNode first = pg.get(0);
        String v = first.path("version").asText(first.path("server_version").asText(""));
        return v.isEmpty() ? "" : ", PostgreSQL " + v;
    }

    private static void env(StringBuilder b, String k, String v) {
        b.append("<dt>").append(Html.esc(k)).append("</dt><dd><code>").append(Html.esc(v)).append("</code></dd>");
    }

    private static String summary(GateReport gate) {
        StringBuilder s = new StringBuilder();
        gate.counts().forEach((v, n) -> {
            if (n > 0) {
                s.append(s.isEmpty() ? "" : ", ").append("<span class=\"v ").append(v.label()).append("\">").append(n)
                        .append(' ').append(v.label()).append("</span>");
            }
        });
        return s.isEmpty() ? "no keys" : s.toString();
    }

    private String verdictTable(List<KeyVerdict> verdicts, boolean withModule) {
        StringBuilder b = new StringBuilder("<table class=\"verdicts\"><thead><tr><th>verdict</th>");
        if (withModule) {
            b.append("<th>suite</th>");
        }
        b.append("<th>key</th><th>time: baseline → current</th><th>change (99 % interval)</th><th>A/B</th>"
                + "<th>bytes/op: baseline → current</th><th>counters</th><th>load guard</th><th>why</th></tr></thead><tbody>");
        for (KeyVerdict k : verdicts) {
            b.append("<tr><td class=\"v ").append(k.verdict().label()).append("\">").append(k.verdict().label()).append("</td>");
            if (withModule) {
                b.append("<td><a href=\"").append(page(k.module())).append("\">").append(Html.esc(k.module())).append("</a></td>");
            }
            b.append("<td>").append(Html.esc(k.name())).append("</td>");
            var t = k.timing();
            if (t != null) {
                b.append("<td class=\"n\">").append(Html.num(t.baselineMedian())).append(" → ").append(Html.num(t.currentMedian()))
                        .append(' ').append(Html.esc(k.unit())).append("</td><td class=\"n\">").append(Html.pct(t.ratio()));
                if (Double.isFinite(t.low())) {
                    b.append(" [").append(Html.pct(t.low())).append(", ").append(Html.pct(t.high())).append("]");
                }
                b.append(" <span class=\"v ").append(t.verdict().label()).append("\">").append(t.comparison()).append("</span></td>");
            } else {
                b.append("<td></td><td></td>");
            }
            var ab = k.ab();
            b.append("<td class=\"n\">").append(ab == null ? "" : Html.pct(ab.medianRatio()) + " p=" + Html.num(ab.pValue())).append("</td>");
            var a = k.alloc();
            b.append("<td class=\"n\">").append(a == null ? "" : Html.num(a.baseline()) + " → " + Html.num(a.current())
                    + " (" + a.forksOver() + "/" + a.forks() + " over " + Html.num(a.limit()) + ")").append("</td>");
            b.append("<td>");
            if (k.counters() != null) {
                k.counters().forEach(c -> b.append(Html.esc(c.name())).append(' ').append(Html.num(c.baseline())).append(" → ")
                        .append(Html.num(c.current())).append("<br>"));
            }
            b.append("</td><td>");
            if (t != null && t.loadClean() != null) {
                b.append(t.loadClean() ? "clean" : "dirty").append(" (").append(Html.num(t.maxLoadPerCore())).append("/core)");
            }
            b.append("</td><td class=\"why\">").append(Html.esc(String.join("; ", k.reasons()))).append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /** Session traces a bench run left under target/pglab/traces (each with its trace-profile.json). */
    private static String traceLinks(List<TracePage.Found> traces) {
        if (traces.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>Session traces</h2><ul class=\"traces\">");
        for (TracePage.Found t : traces) {
            b.append("<li><a href=\"").append(Html.esc(t.page())).append("\">").append(Html.esc(t.name())).append("</a> &mdash; ")
                    .append(Html.esc(TracePage.summary(t)));
            if (!t.profile().path("description").asText("").isEmpty()) {
                b.append("<br><small>").append(Html.esc(t.profile().path("description").asText())).append("</small>");
            }
            b.append("</li>");
        }
        return b.append("</ul>").toString();
    }

    private String flameLinks(List<Path> flames) {
        if (flames.isEmpty()) {
            return "<h2>Flame graphs</h2><p>none: run with <code>-Dpglab.profile=async</code> to add them.</p>";
        }
        StringBuilder b = new StringBuilder("<h2>Flame graphs</h2><ul>");
        for (Path f : flames) {
            b.append("<li><a href=\"").append(Html.esc(outDir.relativize(f).toString())).append("\">")
                    .append(Html.esc(LabLayout.of(root).profiles().relativize(f).toString())).append("</a></li>");
        }
        return b.append("</ul>").toString();
    }

    // ---------------------------------------------------------------- suite page

    private String suite(RunResults run, Optional<BaselineStore.Located> base, GateReport gate, List<JsonNode> history,
                         List<Path> hgrms, List<Path> flames, List<TracePage.Found> traces) throws IOException {
        StringBuilder b = new StringBuilder(header("Suite " + run.module()));
        b.append("<main>");
        Baseline baseline = base.map(BaselineStore.Located::baseline).orElse(null);
        b.append("<p>").append(run.keys().size()).append(" keys, budget <code>").append(Html.esc(run.budget()))
                .append("</code>, commit <code>").append(Html.esc(run.gitCommit())).append("</code>; baseline: ")
                .append(baseline == null ? "none for this fingerprint (record one with <code>-Dpglab.baseline=update</code>)"
                        : "<code>" + Html.esc(root.relativize(base.get().file().toAbsolutePath()).toString()) + "</code> ("
                        + Html.esc(baseline.source() == null ? "?" : baseline.source().budget()) + " budget"
                        + (base.get().sameFingerprint() ? "" : ", another fingerprint: timing not comparable") + ")")
                .append("</p>");
        b.append("<h2>Verdicts</h2>");
        b.append(verdictTable(gate.verdicts().stream().filter(v -> v.module().equals(run.module())).toList(), false));

        b.append("<h2>Time per key: baseline vs current</h2><p>Bars: median of fork medians; whiskers: fastest to slowest "
                + "fork. Boxes: the fork medians; points: every measurement iteration.</p><div class=\"cards\">");
        for (KeyResult k : run.keys()) {
            Baseline.Entry e = baseline == null || baseline.benchmarks() == null ? null : baseline.benchmarks().get(k.key().id());
            b.append("<div class=\"card\"><h3>").append(Html.esc(k.key().shortName())).append("</h3>");
            List<Charts.Bar> bars = new ArrayList<>();
            Map<String, List<Double>> forks = new LinkedHashMap<>();
            Map<String, List<Double>> iterations = new LinkedHashMap<>();
            if (e != null && e.raw() != null) {
                double[] bf = Summary.rowMedians(e.raw());
                bars.add(new Charts.Bar("baseline", "time", Summary.median(bf), Summary.min(bf), Summary.max(bf)));
                forks.put("baseline", box(bf));
                iterations.put("baseline", flat(e.raw()));
            }
            double[] cf = k.forkMedians();
            bars.add(new Charts.Bar("current", "time", Summary.median(cf), Summary.min(cf), Summary.max(cf)));
            forks.put("current", box(cf));
            iterations.put("current", flat(k.raw()));
            b.append(svg.render(Charts.bars("median with fork range", k.unit(), bars), 300, 260));
            b.append(svg.render(Charts.forks("per-fork distribution", k.unit(), forks, iterations), 340, 260));
            b.append("</div>");
        }
        b.append("</div>");

        List<KeyVerdict> abKeys = gate.verdicts().stream()
                .filter(v -> v.module().equals(run.module()) && v.ab() != null && v.ab().roundRatios() != null).toList();
        if (!abKeys.isEmpty()) {
            b.append("<h2>A/B rounds (same job, interleaved)</h2><p>Each bar is one round's head/base ratio of fork "
                    + "medians; rounds alternate AB and BA.</p><div class=\"cards\">");
            for (KeyVerdict v : abKeys) {
                b.append("<div class=\"card\"><h3>").append(Html.esc(v.name())).append("</h3>")
                        .append(svg.render(Charts.rounds("median x" + Html.num(v.ab().medianRatio()) + ", p = "
                                + Html.num(v.ab().pValue()), v.ab().roundRatios(), v.ab().threshold()), 420, 260))
                        .append("</div>");
            }
            b.append("</div>");
        }
        b.append(allocation(run, baseline));
        b.append(throughput(run));
        b.append(extraTables(run));
        if (!hgrms.isEmpty()) {
            b.append(percentiles(hgrms));
        }
        b.append(history(run, history));
        b.append(traceLinks(traces));
        b.append(flameLinks(flames));
        b.append("</main>");
        return b.toString();
    }

    private static List<Double> box(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    private static List<Double> flat(double[][] raw) {
        return Arrays.stream(raw).flatMapToDouble(Arrays::stream).filter(Double::isFinite).boxed().toList();
    }

    private String allocation(RunResults run, Baseline baseline) {
        List<Charts.Bar> bars = new ArrayList<>();
        for (KeyResult k : run.keys()) {
            if (!k.hasAlloc()) {
                continue;
            }
            String cat = k.key().shortName();
            Baseline.Entry e = baseline == null || baseline.benchmarks() == null ? null : baseline.benchmarks().get(k.key().id());
            if (e != null && e.allocForks() != null && e.allocForks().length > 0) {
                bars.add(new Charts.Bar("baseline", cat, Summary.median(e.allocForks()), Summary.min(e.allocForks()),
                        Summary.max(e.allocForks())));
            }
            bars.add(new Charts.Bar("current", cat, Summary.median(k.allocForks()), Summary.min(k.allocForks()),
                    Summary.max(k.allocForks())));
        }
        if (bars.isEmpty()) {
            return "<h2>Bytes per op</h2><p>no gc.alloc.rate.norm in these results.</p>";
        }
        int width = Math.max(520, 70 * (int) bars.stream().map(Charts.Bar::category).distinct().count() + 200);
        return "<h2>Bytes per op (hard gate: median > baseline × 1.02 + 16 B on ≥ 2/3 of forks)</h2>"
                + svg.render(Charts.bars("gc.alloc.rate.norm", "B/op", bars), Math.min(width, 1400), 420);
    }

    /** One MB/s figure: which benchmark method, with which params. */
    private record Rate(String method, Map<String, String> params, String label, double mbps) {
    }

    /**
     * MB/s per key, with ratios to references of the same params. MB/s comes from a metric whose unit is MB/s,
     * or from an {@code @AuxCounters(OPERATIONS)} metric named like "bytes" in ops/s (bytes per second / 1e6).
     */
    private String throughput(RunResults run) {
        List<Rate> rates = new ArrayList<>();
        for (KeyResult k : run.keys()) {
            String[] parts = k.key().benchmark().split("\\.");
            String method = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : k.key().benchmark();
            Map<String, String> params = k.key().params();
            String label = k.key().shortName();
            if (k.unit().contains("MB/s")) {
                rates.add(new Rate(method, params, label, k.median()));
            }
            k.metrics().forEach((name, m) -> {
                if (name.startsWith("gc.")) {
                    return;
                }
                double median = Summary.medianOfForkMedians(m.raw());
                if (m.unit().contains("MB/s")) {
                    rates.add(new Rate(method, params, label + " " + name, median));
                } else if (m.unit().equals("ops/s") && name.toLowerCase(Locale.ROOT).endsWith("bytes")) {
                    rates.add(new Rate(method, params, label, median / 1e6));
                }
            });
        }
        if (rates.isEmpty()) {
            return "";
        }
        List<Charts.Bar> bars = new ArrayList<>();
        rates.forEach(r -> bars.add(new Charts.Bar("current", r.label(), r.mbps(), Double.NaN, Double.NaN)));
        StringBuilder b = new StringBuilder("<h2>Throughput (MB/s) against references</h2><p>MB/s = 10<sup>6</sup> bytes "
                + "per second, median of fork medians; ratios are against the reference with the same params, measured "
                + "in the same run.</p>");
        b.append(svg.render(Charts.bars("MB/s per key", "MB/s", bars), Math.min(1800, Math.max(520, 40 * bars.size() + 200)), 480));
        List<String> refMethods = rates.stream().map(Rate::method)
                .filter(m -> REFERENCE.matcher(m.substring(m.lastIndexOf('.') + 1)).find()).distinct().toList();
        b.append("<table><tr><th>key</th><th class=\"n\">MB/s</th>");
        refMethods.forEach(r -> b.append("<th>÷ ").append(Html.esc(r)).append("</th>"));
        b.append("</tr>");
        for (Rate r : rates) {
            b.append("<tr><td>").append(Html.esc(r.label())).append("</td><td class=\"n\">").append(Html.num(r.mbps())).append("</td>");
            for (String ref : refMethods) {
                // the reference run on the same params, or on a subset of them (a naive parser without a format)
                Rate match = rates.stream().filter(x -> x.method().equals(ref)
                                && r.params().entrySet().containsAll(x.params().entrySet()))
                        .max(java.util.Comparator.comparingInt(x -> x.params().size())).orElse(null);
                b.append("<td class=\"n\">").append(match == null ? "" : Html.num(r.mbps() / match.mbps()) + "×").append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }

    /** Any {@code extra} entry holding an array of flat objects becomes a table (e.g. bench-cdc's verdict table). */
    private String extraTables(RunResults run) {
        StringBuilder b = new StringBuilder();
        for (JsonNode x : run.extra()) {
            x.fields().forEachRemaining(f -> {
                JsonNode arr = f.getValue();
                if (arr.isArray() && !arr.isEmpty() && arr.get(0).isObject()) {
                    String title = x.path("title").asText(x.path("name").asText(x.path("kind").asText("measurement")));
                    b.append("<h2>").append(Html.esc(title)).append(": ").append(Html.esc(f.getKey())).append("</h2>");
                    b.append(objectTable(arr));
                }
            });
        }
        return b.toString();
    }

    private static String objectTable(JsonNode rows) {
        List<String> cols = new ArrayList<>();
        rows.forEach(r -> r.fieldNames().forEachRemaining(n -> {
            if (!cols.contains(n)) {
                cols.add(n);
            }
        }));
        StringBuilder b = new StringBuilder("<table><tr>");
        cols.forEach(c -> b.append("<th>").append(Html.esc(c)).append("</th>"));
        b.append("</tr>");
        for (JsonNode r : rows) {
            b.append("<tr>");
            for (String c : cols) {
                JsonNode v = r.path(c);
                String text = v.isNumber() ? Html.num(v.asDouble()) : v.isValueNode() ? v.asText() : v.isMissingNode() ? "" : v.toString();
                String cls = v.isNumber() ? " class=\"n\"" : text.matches("PASS|FAIL|REGRESSION|INCONCLUSIVE")
                        ? " class=\"v " + (text.equals("FAIL") ? "REGRESSION" : text) + "\"" : "";
                b.append("<td").append(cls).append(">").append(Html.esc(text)).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }

    private String percentiles(List<Path> hgrms) throws IOException {
        StringBuilder b = new StringBuilder("<h2>Latency percentiles (HdrHistogram)</h2><div class=\"cards\">");
        for (Path h : hgrms) {
            Hgrm g = Hgrm.read(h);
            if (g.points().isEmpty()) {
                continue;
            }
            String name = h.getFileName().toString();
            b.append("<div class=\"card\"><h3>").append(Html.esc(root.relativize(h).toString())).append("</h3>");
            b.append(svg.render(Charts.percentiles(name, "value (as written, usually ms)", Map.of(name, g.points())), 560, 320));
            b.append("<p><small>").append(Html.esc(g.footer())).append("</small></p></div>");
        }
        return b.append("</div>").toString();
    }

    private String history(RunResults run, List<JsonNode> lines) {
        if (lines.size() < 2) {
            return "<h2>History</h2><p>" + lines.size() + " history line(s) for this fingerprint: main-branch runs append "
                    + "one each (<code>ci/history/" + Html.esc(run.fingerprintId()) + ".jsonl</code>); charts appear from two.</p>";
        }
        StringBuilder b = new StringBuilder("<h2>History</h2><p>Median per run with the fork range as a band; red lines "
                + "mark change points (binary segmentation, |t| ≥ 4, step ≥ 5 %).</p><div class=\"cards\">");
        for (KeyResult k : run.keys()) {
            List<double[]> series = new ArrayList<>();
            for (JsonNode line : lines) {
                JsonNode v = line.path("keys").path(k.key().id());
                if (v.has("median")) {
                    series.add(new double[] {v.get("median").asDouble(), v.path("min").asDouble(), v.path("max").asDouble()});
                }
            }
            if (series.size() < 2) {
                continue;
            }
            List<Integer> cps = ChangePoints.standard().find(series.stream().mapToDouble(v -> v[0]).toArray());
            b.append("<div class=\"card\"><h3>").append(Html.esc(k.key().shortName())).append("</h3>")
                    .append(svg.render(Charts.history("trend", k.unit(), series, cps), 420, 240)).append("</div>");
        }
        return b.append("</div>").toString();
    }
}
