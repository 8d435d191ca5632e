package dev.pglab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.ci.Verdict;
import dev.pglab.harness.text.Human;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page of a {@code pglab replay compare}: read from its {@code compare.json}, one change-chart row per
 * fingerprint (the overview's chart: B's p50 against A's as a slowdown ratio with its bootstrap interval), the
 * two sides' overall numbers, and the latency distributions of A and B for the top movers.
 */
public final class ComparePage {
    public static final String FILE = "compare.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ComparePage() {
    }

    /** Writes {@code index.html} beside {@code compare.json} in {@code dir}. */
    public static Path write(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        JsonNode r;
        try {
            r = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a compare result: " + e.getMessage(), e);
        }
        if (!"pglab-replay-compare/1".equals(r.path("schema").asText())) {
            throw new IOException(file + ": schema '" + r.path("schema").asText() + "', expected pglab-replay-compare/1");
        }
        StringBuilder b = new StringBuilder("<header><h1>Replay compare: B against A</h1></header><main>");
        b.append("<p>").append(Html.esc(r.path("capture").asText())).append(", ").append(r.path("rounds").asInt())
                .append(" rounds (A B, B A, …) at speed ").append(Html.esc(r.path("speed").asText()))
                .append("; SLOWER needs a median ratio above ").append(Human.num(1 + r.path("floor").asDouble()))
                .append("× and a one-sided Wilcoxon p below ").append(Human.num(r.path("pMax").asDouble())).append(".</p>");
        b.append(sides(r));
        b.append("<h2>Fingerprints</h2>");
        List<Change> changes = new ArrayList<>();
        for (JsonNode f : r.path("fingerprints")) {
            changes.add(change(f));
        }
        b.append(ChangeChart.render(changes, false));
        b.append(distributions(r.path("distributions")));
        b.append("</main>");
        Path html = dir.resolve("index.html");
        Files.writeString(html, Html.page("pglab replay compare", b.toString()));
        return html;
    }

    /** A fingerprint as a change row: SLOWER is the chart's regression colour, SAME and FASTER pass. */
    static Change change(JsonNode f) {
        String verdict = f.path("verdict").asText();
        Verdict v = switch (verdict) {
            case "SLOWER" -> Verdict.REGRESSION;
            case "INCONCLUSIVE" -> Verdict.INCONCLUSIVE;
            default -> Verdict.PASS;
        };
        List<String> tags = new ArrayList<>();
        tags.add(verdict.toLowerCase(java.util.Locale.ROOT));
        tags.add(Human.num(f.path("countA").asDouble()) + "/" + Human.num(f.path("countB").asDouble()) + " executions (A/B)");
        String fp = f.path("fingerprint").asText();
        return new Change("replay", fp, fp, v, Change.Measure.TIME, "ms", num(f, "aP50Ms"), num(f, "bP50Ms"),
                num(f, "medianRatio"), num(f, "low"), num(f, "high"), tags, List.of(f.path("reason").asText()));
    }

    private static double num(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static String sides(JsonNode r) {
        StringBuilder b = new StringBuilder("<table><thead><tr><th></th><th>target</th><th>settings</th>"
                + "<th class=\"n\">replay wall (median)</th><th class=\"n\">lateness p50</th><th class=\"n\">p99</th>"
                + "<th class=\"n\">statements</th><th>errors by SQLSTATE</th></tr></thead><tbody>");
        for (String side : List.of("a", "b")) {
            JsonNode s = r.path(side);
            b.append("<tr><td><b>").append(side.toUpperCase(java.util.Locale.ROOT)).append("</b></td><td>")
                    .append(Html.esc(s.path("target").asText())).append("</td><td>").append(Html.esc(s.path("settings").toString()))
                    .append("</td><td class=\"n\">").append(Human.millis(1000 * s.path("medianWallSeconds").asDouble()))
                    .append("</td><td class=\"n\">").append(Human.millis(s.path("latenessP50Ms").asDouble()))
                    .append("</td><td class=\"n\">").append(Human.millis(s.path("latenessP99Ms").asDouble()))
                    .append("</td><td class=\"n\">").append(Human.num(s.path("statements").asDouble()))
                    .append("</td><td>").append(Html.esc(s.path("errorsBySqlState").toString())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        JsonNode one = r.path("errorsOneSide");
        if (one.size() > 0) {
            b.append("<h3>Errors on one side only</h3><ul>");
            one.fields().forEachRemaining(e -> b.append("<li>").append(Html.esc(e.getKey())).append(" (")
                    .append(e.getValue().asLong()).append(")</li>"));
            b.append("</ul>");
        }
        return b.toString();
    }

    private static String distributions(JsonNode dists) {
        if (dists.size() == 0) {
            return "";
        }
        Svg svg = new Svg();
        StringBuilder b = new StringBuilder("<h2>Latency distributions of the top movers</h2><div class=\"cards\">");
        for (JsonNode d : dists) {
            Map<String, List<double[]>> curves = new LinkedHashMap<>();
            curves.put("A", points(d.path("percentiles"), d.path("aMs")));
            curves.put("B", points(d.path("percentiles"), d.path("bMs")));
            String fp = d.path("fingerprint").asText();
            b.append("<div class=\"card\"><h3>").append(Html.esc(d.path("verdict").asText())).append(": <code>")
                    .append(Html.esc(fp)).append("</code></h3>");
            b.append(svg.render(Charts.percentiles(fp.length() > 60 ? fp.substring(0, 57) + "..." : fp, "service time (ms)", curves), 560, 320));
            b.append("</div>");
        }
        return b.append("</div>").toString();
    }

    /** {value, percentile, 1/(1-p)} as the percentile chart takes them; 100 % has no place on its axis. */
    private static List<double[]> points(JsonNode pcts, JsonNode ms) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < pcts.size() && i < ms.size(); i++) {
            double p = pcts.get(i).asDouble();
            if (p < 100 && ms.get(i).isNumber()) {
                out.add(new double[] {ms.get(i).asDouble(), p / 100, 1 / (1 - p / 100)});
            }
        }
        return out;
    }
}
