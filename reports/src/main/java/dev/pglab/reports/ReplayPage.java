package dev.pglab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.harness.text.Human;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The replay page: one replay directory ({@code pglab replay --report DIR}: {@code replay.json} and
 * {@code timeline.json}), or several replays of one capture on shared axes (e.g. per-session and serial mode), so
 * a stall shows as a gap in statements per second and a spike in lateness. Self-contained: inline SVG, no script.
 */
public final class ReplayPage {
    /** The per-second series bench-replay writes (schema pglab-replay-timeline/1). */
    public static final String TIMELINE = "timeline.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 1300;

    private ReplayPage() {
    }

    /** One replay as the page reads it. */
    record Run(Path dir, String name, JsonNode report, JsonNode timeline) {
        String mode() {
            return timeline.path("mode").asText(report.path("mode").asText("?"));
        }
    }

    /** Writes the page for these replay directories to {@code html}; returns it. */
    public static Path write(List<Path> dirs, Path html) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (Path d : dirs) {
            runs.add(read(d));
        }
        Path parent = html.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String title = runs.size() == 1 ? "Replay (" + runs.getFirst().mode() + ")"
                : "Replays compared: " + String.join(" vs ", runs.stream().map(Run::name).toList());
        Files.writeString(html, Html.page("pglab " + title, header(title) + "<main>" + body(runs) + "</main>"));
        return html;
    }

    static Run read(Path dir) throws IOException {
        Path timeline = dir.resolve(TIMELINE);
        Path report = dir.resolve("replay.json");
        if (!Files.exists(timeline)) {
            throw new IOException(dir + ": no " + TIMELINE + " (expected the directory of pglab replay --report DIR)");
        }
        JsonNode t;
        try {
            t = JSON.readTree(timeline.toFile());
        } catch (IOException e) {
            throw new IOException(timeline + ": not a replay timeline: " + e.getMessage(), e);
        }
        if (!"pglab-replay-timeline/1".equals(t.path("schema").asText())) {
            throw new IOException(timeline + ": schema '" + t.path("schema").asText() + "', expected pglab-replay-timeline/1");
        }
        JsonNode r = Files.exists(report) ? JSON.readTree(report.toFile()) : JSON.createObjectNode();
        String name = t.path("mode").asText("replay") + " (" + dir.getFileName() + ")";
        return new Run(dir, name, r, t);
    }

    private static String header(String title) {
        return "<header><h1>" + Html.esc(title) + "</h1></header>";
    }

    static String body(List<Run> runs) {
        StringBuilder b = new StringBuilder();
        b.append("<table class=\"replays\"><thead><tr><th></th><th>mode</th><th>speed</th><th>source → target</th>"
                + "<th class=\"n\">statements</th><th class=\"n\">errors</th><th class=\"n\">capture</th>"
                + "<th class=\"n\">replay wall</th><th class=\"n\">lateness p50</th><th class=\"n\">p99</th>"
                + "<th class=\"n\">max</th><th>ended</th></tr></thead><tbody>");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            JsonNode rep = r.report();
            JsonNode late = rep.path("lateness");
            b.append("<tr><td><span class=\"swatch\" style=\"background:").append(colour(i)).append("\"></span></td><td><b>")
                    .append(Html.esc(r.mode())).append("</b></td><td>").append(Html.esc(r.timeline().path("speed").asText()))
                    .append("</td><td><small>").append(Html.esc(r.timeline().path("source").asText())).append(" → ")
                    .append(Html.esc(r.timeline().path("target").asText())).append("</small></td><td class=\"n\">")
                    .append(Human.num(rep.path("statements").asDouble(Double.NaN) + rep.path("executes").asDouble(0)))
                    .append("</td><td class=\"n\">").append(Human.num(rep.path("errors").asDouble(Double.NaN)))
                    .append("</td><td class=\"n\">").append(Human.millis(1000 * rep.path("capturedSeconds").asDouble(Double.NaN)))
                    .append("</td><td class=\"n\">").append(Human.millis(1000 * rep.path("wallSeconds").asDouble(Double.NaN)))
                    .append("</td><td class=\"n\">").append(Human.millis(late.path("p50Ms").asDouble(Double.NaN)))
                    .append("</td><td class=\"n\">").append(Human.millis(late.path("p99Ms").asDouble(Double.NaN)))
                    .append("</td><td class=\"n\">").append(Human.millis(late.path("maxMs").asDouble(Double.NaN)))
                    .append("</td><td>").append(Html.esc(rep.path("endReason").asText(""))).append("</td></tr>");
        }
        b.append("</tbody></table>");
        double span = 1;
        for (Run r : runs) {
            span = Math.max(span, r.timeline().path("seconds").size());
            span = Math.max(span, r.timeline().path("capture").size());
        }

        List<Series> rate = new ArrayList<>();
        JsonNode capture = runs.getFirst().timeline().path("capture");
        rate.add(new Series("the capture's own rate (its clock)", "#777", "6,4", points(capture, o -> o.path("executed").asDouble())));
        for (int i = 0; i < runs.size(); i++) {
            rate.add(new Series(runs.get(i).name(), colour(i), null,
                    points(runs.get(i).timeline().path("seconds"), o -> o.path("executed").asDouble())));
        }
        b.append("<h2 id=\"throughput\">Statements per second</h2><p>Per second of the replay's clock, statements and "
                + "executes sent; the dashed line is the capture's rate on its own clock (second 0 = its first item). A "
                + "stall is a gap.</p>");
        b.append(chart(rate, span, "statements/s", false));

        List<Series> late = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            JsonNode s = runs.get(i).timeline().path("seconds");
            late.add(new Series(runs.get(i).name() + " p99", colour(i), null, points(s, o -> o.path("latenessP99Ms").asDouble(Double.NaN))));
            late.add(new Series(runs.get(i).name() + " p50", colour(i), "2,3", points(s, o -> o.path("latenessP50Ms").asDouble(Double.NaN))));
        }
        b.append("<h2 id=\"lateness\">Lateness (start − due)</h2><p>p99 solid, p50 dotted, of the statements sent in each "
                + "second.</p>");
        b.append(chart(late, span, "ms", false));

        List<Series> sessions = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            sessions.add(new Series(runs.get(i).name(), colour(i), null,
                    points(runs.get(i).timeline().path("seconds"), o -> o.path("sessionsActive").asDouble())));
        }
        b.append("<h2>Sessions connected</h2>").append(chart(sessions, span, "sessions", false));

        for (Run r : runs) {
            b.append("<h2>Top fingerprints by total time").append(runs.size() > 1 ? ": " + Html.esc(r.name()) : "").append("</h2>");
            b.append(fingerprints(r.report().path("fingerprints")));
            b.append("<h2>Errors by SQLSTATE").append(runs.size() > 1 ? ": " + Html.esc(r.name()) : "").append("</h2>");
            b.append(errors(r.report().path("errorsBySqlState")));
        }
        return b.toString();
    }

    private static String fingerprints(JsonNode rows) {
        if (!rows.isArray() || rows.isEmpty()) {
            return "<p>none recorded.</p>";
        }
        StringBuilder b = new StringBuilder("<table class=\"fingerprints\"><thead><tr><th class=\"n\">total</th>"
                + "<th class=\"n\">count</th><th class=\"n\">errors</th><th class=\"n\">service p50</th><th class=\"n\">p99</th>"
                + "<th class=\"n\">response p99</th><th class=\"n\">lateness p99</th><th>fingerprint</th></tr></thead><tbody>");
        int n = 0;
        for (JsonNode f : rows) {
            if (n++ == 20) {
                break;
            }
            b.append("<tr><td class=\"n\">").append(Human.millis(1000 * f.path("serviceTotalSeconds").asDouble()))
                    .append("</td><td class=\"n\">").append(Human.num(f.path("count").asDouble()))
                    .append("</td><td class=\"n\">").append(Human.num(f.path("errors").asDouble()))
                    .append("</td><td class=\"n\">").append(Human.millis(f.path("serviceP50Ms").asDouble()))
                    .append("</td><td class=\"n\">").append(Human.millis(f.path("serviceP99Ms").asDouble()))
                    .append("</td><td class=\"n\">").append(Human.millis(f.path("responseP99Ms").asDouble()))
                    .append("</td><td class=\"n\">").append(Human.millis(f.path("latenessP99Ms").asDouble()))
                    .append("</td><td class=\"sql\"><code>").append(Html.esc(f.path("fingerprint").asText()))
                    .append("</code></td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    private static String errors(JsonNode bySqlState) {
        if (!bySqlState.isObject() || bySqlState.isEmpty()) {
            return "<p>no errors.</p>";
        }
        Map<String, Long> sorted = new TreeMap<>();
        bySqlState.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asLong()));
        StringBuilder b = new StringBuilder("<table class=\"errors\"><tr><th>SQLSTATE</th><th class=\"n\">count</th></tr>");
        sorted.forEach((k, v) -> b.append("<tr><td><code>").append(Html.esc(k)).append("</code></td><td class=\"n\">")
                .append(Human.num(v)).append("</td></tr>"));
        return b.append("</table>").toString();
    }

    record Series(String name, String colour, String dash, List<double[]> points) {
    }

    private static List<double[]> points(JsonNode array, ToDoubleFunction<JsonNode> y) {
        List<double[]> p = new ArrayList<>();
        for (JsonNode o : array) {
            p.add(new double[] {o.path("t").asDouble(), y.applyAsDouble(o)});
        }
        return p;
    }

    private static String colour(int i) {
        return Plot.SERIES[i % Plot.SERIES.length];
    }

    /** Lines over a shared time axis (seconds), each point a tooltip of its value, legend under the plot. */
    static String chart(List<Series> series, double seconds, String unit, boolean log) {
        double max = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).filter(Double::isFinite)
                .max().orElse(1);
        int height = 250;
        Plot p = new Plot(WIDTH, height + 22 * ((series.size() + 2) / 3), "timeline");
        double left = 70;
        double right = WIDTH - 20;
        Plot.Axis x = Plot.Axis.linear(0, Math.max(1, seconds), left, right);
        Plot.Axis y = Plot.Axis.linear(0, max > 0 ? max * 1.08 : 1, height - 36, 16);
        for (double t : y.ticks(5)) {
            p.line(left, y.px(t), right, y.px(t), Plot.GRID, 1, null).text(left - 6, y.px(t) + 4, Human.num(t), "end", "#444", 10, false);
        }
        for (double t : x.ticks(12)) {
            p.line(x.px(t), 16, x.px(t), height - 36, Plot.GRID, 1, null).text(x.px(t), height - 22, Human.num(t) + " s", "middle", "#444", 10, false);
        }
        p.text(left, 11, unit, "start", "#444", 10, false);
        for (Series s : series) {
            List<double[]> px = new ArrayList<>();
            for (double[] q : s.points()) {
                px.add(new double[] {x.px(q[0] + 0.5), Double.isFinite(q[1]) ? y.px(q[1]) : Double.NaN});
            }
            p.polyline(px, s.colour(), s.dash() == null ? 2 : 1.6, s.dash());
            for (int i = 0; i < s.points().size(); i++) {
                double[] q = s.points().get(i);
                if (Double.isFinite(q[1])) {
                    p.circle(px.get(i)[0], px.get(i)[1], 2.2, s.colour(), s.name() + ", second " + (int) q[0] + ": "
                            + Human.num(q[1]) + " " + unit);
                }
            }
        }
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double lx = left + (i % 3) * 400;
            double ly = height - 2 + 22 * (i / 3);
            p.line(lx, ly - 4, lx + 26, ly - 4, s.colour(), 2.5, s.dash()).text(lx + 32, ly, s.name(), "start", Plot.TEXT, 11, false);
        }
        return p.svg();
    }
}
