package dev.pglab.reports;

import dev.pglab.harness.text.Human;
import java.util.List;

/**
 * The overview's change chart: one row per key, a horizontal bar from "same" to its change on a log-ratio axis
 * shared by every row (worse to the right, better to the left, whatever the unit), the interval as a whisker,
 * coloured by verdict; the full key name beside it, the numbers in words, reasons as short tags with the long
 * text in a tooltip and a details toggle. Rows come in {@link Change#ORDER}: REGRESSION and MISSING on top.
 */
final class ChangeChart {
    static final int BAR_WIDTH = 320;
    private static final double[] TICKS = {0.1, 0.25, 0.5, 1, 2, 4, 10, 25, 100};

    private ChangeChart() {
    }

    static String render(List<Change> changes, boolean withModule) {
        if (changes.isEmpty()) {
            return "<p>no keys were judged.</p>";
        }
        double maxLog = Math.log(1.5);
        for (Change c : changes) {
            for (double r : new double[] {c.ratio(), c.low(), c.high()}) {
                if (Double.isFinite(r) && r > 0) {
                    maxLog = Math.max(maxLog, Math.abs(Math.log(r)));
                }
            }
        }
        maxLog = Math.min(maxLog * 1.05, Math.log(100));
        StringBuilder b = new StringBuilder("<table class=\"changes\"><thead><tr><th>verdict</th>");
        if (withModule) {
            b.append("<th>suite</th>");
        }
        b.append("<th>key</th><th class=\"axis\">").append(axis(maxLog)).append("</th><th>change</th>")
                .append("<th>baseline → current</th><th>why</th></tr></thead><tbody>");
        for (Change c : changes) {
            String why = String.join("\n", c.reasons());
            b.append("<tr class=\"change ").append(c.verdict().label()).append("\" data-key=\"").append(Html.esc(c.keyId()))
                    .append("\"><td class=\"v ").append(c.verdict().label()).append("\">").append(c.verdict().label()).append("</td>");
            if (withModule) {
                b.append("<td class=\"suite\"><a href=\"").append(Report.page(c.module())).append("\">").append(Html.esc(c.module()))
                        .append("</a></td>");
            }
            // long keys wrap between params, never inside one
            b.append("<td class=\"key\">").append(Html.esc(c.name()).replace(",", ",<wbr>").replace("(", "(<wbr>"))
                    .append("</td>");
            b.append("<td class=\"bar\">").append(bar(c, maxLog)).append("</td>");
            b.append("<td class=\"n change-text\"><b>").append(Html.esc(c.measure() == Change.Measure.NONE ? "" : c.changeText()))
                    .append("</b>").append(c.measure().label.isEmpty() ? "" : " <small>" + Html.esc(c.measure().label) + "</small>");
            if (!c.intervalText().isEmpty()) {
                b.append("<br><small>").append(Html.esc(c.intervalText())).append("</small>");
            }
            b.append("</td><td class=\"n nums\">").append(Html.esc(numbers(c))).append("</td><td class=\"tags\">");
            for (String t : c.tags()) {
                b.append("<span class=\"tag\" title=\"").append(Html.esc(why)).append("\">").append(Html.esc(t)).append("</span> ");
            }
            if (!c.reasons().isEmpty()) {
                b.append("<details><summary>why</summary>").append(Html.esc(String.join("; ", c.reasons()))).append("</details>");
            }
            b.append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    private static String numbers(Change c) {
        if (c.measure() == Change.Measure.AB || !Double.isFinite(c.baseline())) {
            return "";
        }
        return Human.value(c.baseline(), c.unit()) + " → " + Human.value(c.current(), c.unit());
    }

    private static double x(double ratio, double maxLog) {
        double l = Math.max(-maxLog, Math.min(maxLog, Math.log(ratio)));
        return BAR_WIDTH / 2.0 + l / maxLog * (BAR_WIDTH / 2.0 - 6);
    }

    private static String axis(double maxLog) {
        Plot p = new Plot(BAR_WIDTH, 36, "change-axis");
        p.text(4, 11, "← better", "start", "#185c27", 11, true).text(BAR_WIDTH - 4, 11, "worse →", "end", "#8e1b0e", 11, true);
        double lastLabel = Double.NEGATIVE_INFINITY;
        for (double t : TICKS) {
            if (Math.abs(Math.log(t)) <= maxLog) {
                double x = x(t, maxLog);
                p.line(x, 29, x, 36, "#777", 1, null);
                if (x - lastLabel >= 30) { // crowded labels are skipped, their ticks stay
                    String label = t == 1 ? "same" : t > 1 ? Human.num(t) + "×" : "÷" + Human.num(1 / t);
                    p.text(x, 26, label, "middle", "#444", 10, false);
                    lastLabel = x;
                }
            }
        }
        return p.svg();
    }

    private static String bar(Change c, double maxLog) {
        Plot p = new Plot(BAR_WIDTH, 22, "change-bar");
        double mid = BAR_WIDTH / 2.0;
        for (double t : TICKS) {
            if (Math.abs(Math.log(t)) <= maxLog) {
                p.line(x(t, maxLog), 0, x(t, maxLog), 22, t == 1 ? "#555" : Plot.GRID, 1, null);
            }
        }
        String title = c.name() + ": " + (c.measure() == Change.Measure.NONE ? c.verdict().label()
                : c.changeText() + " " + c.measure().label + " " + c.intervalText() + " " + numbers(c))
                + (c.reasons().isEmpty() ? "" : "\n" + String.join("\n", c.reasons()));
        if (Double.isFinite(c.ratio()) && c.ratio() > 0) {
            double x = x(c.ratio(), maxLog);
            // a change too small to see still gets a visible sliver in its direction
            double w = Math.max(3, Math.abs(x - mid));
            double left = c.ratio() >= 1 ? mid : mid - w;
            p.rect(left, 5, w, 12, colour(c), title);
            if (Double.isFinite(c.low()) && Double.isFinite(c.high()) && c.low() > 0 && c.high() > 0) {
                double x0 = x(c.low(), maxLog);
                double x1 = x(c.high(), maxLog);
                p.line(x0, 11, x1, 11, "#222", 1.5, null).line(x0, 7, x0, 15, "#222", 1.5, null).line(x1, 7, x1, 15, "#222", 1.5, null);
            }
        } else {
            p.group(title).text(mid + 8, 15, c.verdict().label().toLowerCase(java.util.Locale.ROOT) + ": nothing to compare",
                    "start", "#666", 11, false).end();
        }
        return p.svg();
    }

    static String colour(Change c) {
        return switch (c.verdict()) {
            case REGRESSION -> "#d64531";
            case INCONCLUSIVE -> "#e6a700";
            case MISSING -> "#8e44ad";
            case NEW -> "#5b8bd0";
            case NOT_COMPARABLE -> "#9aa3ad";
            case PASS -> "#4a9b5f";
        };
    }
}
