package dev.pglab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pglab.ci.Baseline;
import dev.pglab.ci.BaselineStore;
import dev.pglab.ci.KeyVerdict;
import dev.pglab.harness.result.RunResults;
import dev.pglab.harness.stats.Summary;
import dev.pglab.harness.text.Human;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code suite-<module>.html}: the suite's change chart, per-fork points, bytes/op, MB/s, tables, latency, history. */
final class SuitePage {
    private SuitePage() {
    }

    static String render(ReportModel m, ReportModel.Suite s, Svg svg, Path outDir) throws IOException {
        RunResults run = s.run();
        StringBuilder b = new StringBuilder(Report.header("Suite " + run.module()));
        b.append("<main>");
        Baseline baseline = s.baseline();
        b.append("<p>").append(run.keys().size()).append(" keys, budget <code>").append(Html.esc(run.budget()))
                .append("</code>, commit <code>").append(Html.esc(run.gitCommit())).append("</code>; baseline: ");
        if (baseline == null) {
            b.append("none for this fingerprint (record one with <code>-Dpglab.baseline=update</code>)");
        } else {
            BaselineStore.Located at = s.base().get();
            b.append("<code>").append(Html.esc(m.root().relativize(at.file().toAbsolutePath()).toString())).append("</code> (")
                    .append(Html.esc(baseline.source() == null ? "?" : baseline.source().budget())).append(" budget")
                    .append(at.sameFingerprint() ? "" : ", another fingerprint: timing not comparable").append(")");
        }
        b.append("</p><h2>What changed</h2>");
        b.append(ChangeChart.render(m.changes().stream().filter(c -> c.module().equals(run.module())).toList(), false));

        b.append("<h2>Time per key: every fork</h2><p>Large points: each fork's median (hover for its numbers); small "
                + "points: every measurement iteration; the bar: the median of fork medians.</p><div class=\"cards\">");
        for (ReportModel.KeyView k : s.keys()) {
            List<SuiteCharts.Side> sides = new ArrayList<>();
            if (k.baselineRaw() != null) {
                sides.add(new SuiteCharts.Side("baseline", Plot.BASELINE, k.baselineRaw()));
            }
            sides.add(new SuiteCharts.Side("current", Plot.CURRENT, k.current().raw()));
            b.append("<div class=\"card\"><h3>").append(Html.esc(k.name())).append("</h3>")
                    .append(SuiteCharts.forks(k.current().unit(), sides)).append("</div>");
        }
        b.append("</div>");

        List<KeyVerdict> abKeys = s.verdicts().stream().filter(v -> v.ab() != null && v.ab().roundRatios() != null).toList();
        if (!abKeys.isEmpty()) {
            b.append("<h2>A/B rounds (same job, interleaved)</h2><p>Each bar is one round's head/base ratio of fork "
                    + "medians; rounds alternate AB and BA.</p><div class=\"cards\">");
            for (KeyVerdict v : abKeys) {
                b.append("<div class=\"card\"><h3>").append(Html.esc(v.name())).append("</h3>")
                        .append(svg.render(Charts.rounds("median ×" + Human.num(v.ab().medianRatio()) + ", p = "
                                + Human.num(v.ab().pValue()), v.ab().roundRatios(), v.ab().threshold()), 420, 260))
                        .append("</div>");
            }
            b.append("</div>");
        }
        b.append(allocation(m, s));
        b.append(throughput(s));
        b.append(extraTables(run));
        if (!s.hgrms().isEmpty()) {
            b.append(Report.percentiles(s.hgrms(), m.root(), svg));
        }
        b.append(history(s));
        b.append(Report.traceLinks(s.traces()));
        b.append(Report.flameLinks(s.flames(), m.root(), outDir));
        return b.append("</main>").toString();
    }

    private static String allocation(ReportModel m, ReportModel.Suite s) {
        List<SuiteCharts.Bar> bars = new ArrayList<>();
        for (ReportModel.KeyView k : s.keys()) {
            if (!k.current().hasAlloc()) {
                continue;
            }
            double[] base = k.baselineAlloc();
            if (base.length > 0) {
                bars.add(new SuiteCharts.Bar(k.name(), "baseline", Plot.BASELINE, Summary.median(base), Summary.min(base),
                        Summary.max(base)));
            }
            double[] cur = k.current().allocForks();
            bars.add(new SuiteCharts.Bar(k.name(), "current", Plot.CURRENT, Summary.median(cur), Summary.min(cur),
                    Summary.max(cur)));
        }
        if (bars.isEmpty()) {
            return "<h2>Bytes per op</h2><p>no gc.alloc.rate.norm in these results.</p>";
        }
        return "<h2>Bytes per op</h2><p>" + Html.esc(m.rules().getFirst()) + ". Log scale, so a change from nothing "
                + "shows; whiskers span the forks. B = byte, KiB = 1024 B.</p>" + SuiteCharts.bars("B/op", bars, true);
    }

    private static String throughput(ReportModel.Suite s) {
        if (s.rates().isEmpty()) {
            return "";
        }
        List<SuiteCharts.Bar> bars = s.rates().stream()
                .map(r -> new SuiteCharts.Bar(r.label(), r.reference() == null ? "" : "reference", r.reference() == null
                        ? Plot.CURRENT : Plot.BASELINE, r.mbps(), Double.NaN, Double.NaN)).toList();
        StringBuilder b = new StringBuilder("<h2>Throughput (MB/s) against references</h2><p>MB/s = 10<sup>6</sup> bytes "
                + "per second, median of fork medians; ratios are against the benchmarks that declare themselves "
                + "references, on the same params, measured in the same run.</p>");
        b.append(SuiteCharts.bars("MB/s", bars, false));
        b.append("<table><tr><th>key</th><th class=\"n\">MB/s</th>");
        for (String ref : s.referenceMethods()) {
            String what = s.rates().stream().filter(r -> ref.equals(r.method()) && r.reference() != null)
                    .map(ReportModel.Rate::reference).findFirst().orElse(ref);
            b.append("<th title=\"").append(Html.esc(ref)).append("\">÷ ").append(Html.esc(what)).append("</th>");
        }
        b.append("</tr>");
        for (ReportModel.Rate r : s.rates()) {
            b.append("<tr><td>").append(Html.esc(r.label())).append("</td><td class=\"n\">").append(Human.num(r.mbps())).append("</td>");
            for (String ref : s.referenceMethods()) {
                Double x = r.ratios().get(ref);
                b.append("<td class=\"n\">").append(x == null ? "" : Human.num(x) + "×").append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }

    /** Any {@code extra} entry holding an array of flat objects becomes a table (e.g. bench-cdc's verdict table). */
    private static String extraTables(RunResults run) {
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
                String text = v.isNumber() ? Human.num(v.asDouble()) : v.isValueNode() ? v.asText() : v.isMissingNode() ? "" : v.toString();
                String cls = v.isNumber() ? " class=\"n\"" : text.matches("PASS|FAIL|REGRESSION|INCONCLUSIVE")
                        ? " class=\"v " + (text.equals("FAIL") ? "REGRESSION" : text) + "\"" : "";
                b.append("<td").append(cls).append(">").append(Html.esc(text)).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }

    private static String history(ReportModel.Suite s) {
        if (s.history().isEmpty()) {
            return "<h2>History</h2><p>" + s.historyLines() + " history line(s) for this fingerprint: runs that append "
                    + "history add one each (<code>ci/history/" + Html.esc(s.run().fingerprintId()) + ".jsonl</code>); "
                    + "a chart appears once a key has two under one budget.</p>";
        }
        StringBuilder b = new StringBuilder("<h2>History</h2><p>Median per run against date and commit, one budget per "
                + "chart, the fork range as a band; the dashed line is the baseline, red lines mark change points "
                + "(binary segmentation, |t| ≥ 4, step ≥ 5 %).</p><div class=\"cards\">");
        for (ReportModel.HistoryChart h : s.history()) {
            b.append("<div class=\"card\"><h3>").append(Html.esc(h.key())).append("</h3>").append(SuiteCharts.history(h))
                    .append("</div>");
        }
        return b.append("</div>").toString();
    }
}
