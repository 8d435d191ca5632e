package dev.pglab.reports;

import dev.pglab.harness.stats.Summary;
import dev.pglab.harness.text.Human;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A suite page's hand-drawn charts: per-fork points, horizontal bars (log or linear), history over commits. */
final class SuiteCharts {
    private SuiteCharts() {
    }

    /** One side of a comparison: a name, a colour, {@code raw[fork][iteration]}. */
    record Side(String name, String colour, double[][] raw) {
    }

    /**
     * Per-fork points: one row per side, every iteration a small point, every fork's median a large point with a
     * tooltip of its numbers, the median of fork medians as a bar.
     */
    static String forks(String unit, List<Side> sides) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Side s : sides) {
            for (double[] row : s.raw()) {
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (!Double.isFinite(lo)) {
            return "<p>no measurements.</p>";
        }
        double pad = Math.max((hi - lo) * 0.08, Math.abs(hi) * 0.01 + 1e-12);
        int rowH = 34;
        Plot p = new Plot(520, 26 + rowH * sides.size() + 24, "forks");
        Plot.Axis x = Plot.Axis.linear(lo - pad, hi + pad, 80, 505);
        int axisY = 20 + rowH * sides.size();
        for (double t : x.ticks(4)) {
            p.line(x.px(t), 14, x.px(t), axisY, Plot.GRID, 1, null).text(x.px(t), axisY + 14, Human.num(t), "middle", "#444", 10, false);
        }
        p.text(505, 11, unit, "end", "#444", 10, false);
        for (int i = 0; i < sides.size(); i++) {
            Side s = sides.get(i);
            double y = 20 + rowH * i + rowH / 2.0;
            p.text(74, y + 4, s.name(), "end", Plot.TEXT, 11, true);
            double[] medians = Summary.rowMedians(s.raw());
            double m = Summary.median(medians);
            p.line(x.px(m), y - 12, x.px(m), y + 12, s.colour(), 3, null);
            for (int f = 0; f < s.raw().length; f++) {
                double[] row = s.raw()[f];
                double jitter = (f % 3 - 1) * 5;
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        p.circle(x.px(v), y + jitter, 2, "rgba(120,120,120,0.55)", null);
                    }
                }
                p.circle(x.px(medians[f]), y + jitter, 5.5, s.colour(), s.name() + " fork " + (f + 1) + ": median "
                        + Human.value(medians[f], unit) + " over " + row.length + " iterations ("
                        + Human.num(Summary.min(row)) + " … " + Human.num(Summary.max(row)) + ")");
            }
        }
        return p.svg();
    }

    /** One horizontal bar: a label, a value with its fork range, a colour and the series it belongs to. */
    record Bar(String label, String series, String colour, double value, double low, double high) {
    }

    /**
     * Horizontal bars with full labels. On a log axis values below the floor (a tenth of the smallest positive
     * value, at most 0.1) are drawn at the floor, so 0 → 26 B shows as a short bar becoming a long one.
     */
    static String bars(String unit, List<Bar> bars, boolean log) {
        if (bars.isEmpty()) {
            return "";
        }
        int labelW = Math.min(640, 40 + 7 * bars.stream().mapToInt(b -> b.label().length()).max().orElse(10));
        int width = labelW + 520;
        int rowH = 18;
        List<String> labels = bars.stream().map(Bar::label).distinct().toList();
        int height = 30 + labels.size() * (rowH * (int) bars.stream().map(Bar::series).distinct().count() + 8) + 10;
        Plot p = new Plot(width, height, "hbars");
        double max = bars.stream().mapToDouble(b -> Double.isFinite(b.high()) ? Math.max(b.high(), b.value()) : b.value())
                .filter(Double::isFinite).max().orElse(1);
        double minPos = bars.stream().mapToDouble(Bar::value).filter(v -> v > 0).min().orElse(1);
        double floor = Math.min(0.1, minPos / 10);
        Plot.Axis x = log ? Plot.Axis.log(floor, Math.max(max * 2, floor * 10), labelW, width - 110)
                : Plot.Axis.linear(0, max * 1.05, labelW, width - 110);
        for (double t : x.ticks(5)) {
            p.line(x.px(t), 18, x.px(t), height - 6, Plot.GRID, 1, null)
                    .text(x.px(t), 13, unit.startsWith("B") ? Human.bytes(t) : Human.num(t), "middle", "#444", 10, false);
        }
        p.text(width - 4, 13, unit + (log ? " (log scale)" : ""), "end", "#444", 10, false);
        double y = 24;
        for (String label : labels) {
            List<Bar> group = bars.stream().filter(b -> b.label().equals(label)).toList();
            p.text(labelW - 8, y + rowH * group.size() / 2.0 + 4, label, "end", Plot.TEXT, 11, false);
            for (Bar b : group) {
                double v = Double.isFinite(b.value()) ? Math.max(b.value(), log ? floor : 0) : 0;
                String shown = unit.startsWith("B") ? Human.value(b.value(), unit) : Human.value(b.value(), unit);
                String tip = b.label() + ", " + b.series() + ": " + shown
                        + (Double.isFinite(b.low()) ? " (forks " + Human.num(b.low()) + " … " + Human.num(b.high()) + ")" : "");
                p.rect(labelW, y + 2, x.px(v) - labelW, rowH - 4, b.colour(), tip);
                if (Double.isFinite(b.low()) && Double.isFinite(b.high())) {
                    double x0 = x.px(Math.max(b.low(), log ? floor : 0));
                    double x1 = x.px(b.high());
                    p.line(x0, y + rowH / 2.0, x1, y + rowH / 2.0, "#222", 1.2, null);
                }
                p.text(x.px(v) + 6, y + rowH / 2.0 + 4, b.series() + " " + shown, "start", "#333", 10, false);
                y += rowH;
            }
            y += 8;
        }
        return p.svg();
    }

    /**
     * History of one key under one budget: the median per run (points with date, commit and fork range as
     * tooltip) over a band of fork ranges, the baseline as a dashed line, change points as red lines; the x axis
     * is the runs in time order labelled with date and short commit.
     */
    static String history(ReportModel.HistoryChart h) {
        List<ReportModel.HistoryPoint> pts = h.points();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ReportModel.HistoryPoint q : pts) {
            for (double v : new double[] {q.median(), q.min(), q.max(), h.baseline()}) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double pad = Math.max((hi - lo) * 0.1, Math.abs(hi) * 0.02 + 1e-12);
        Plot p = new Plot(460, 230, "history");
        Plot.Axis y = Plot.Axis.linear(lo - pad, hi + pad, 180, 24);
        double left = 62;
        double right = 420;
        double step = pts.size() > 1 ? (right - left) / (pts.size() - 1) : 0;
        for (double t : y.ticks(4)) {
            p.line(left, y.px(t), right, y.px(t), Plot.GRID, 1, null).text(left - 4, y.px(t) + 4, Human.num(t), "end", "#444", 10, false);
        }
        p.text(left, 14, h.unit() + " · budget " + h.budget(), "start", "#444", 10, false);
        double[] xs = new double[pts.size()];
        double[] lows = new double[pts.size()];
        double[] highs = new double[pts.size()];
        List<double[]> line = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            xs[i] = left + step * i;
            lows[i] = Double.isFinite(pts.get(i).min()) ? y.px(pts.get(i).min()) : Double.NaN;
            highs[i] = Double.isFinite(pts.get(i).max()) ? y.px(pts.get(i).max()) : Double.NaN;
            line.add(new double[] {xs[i], y.px(pts.get(i).median())});
        }
        p.band(xs, lows, highs, "rgba(43,108,176,0.18)").polyline(line, Plot.CURRENT, 2, null);
        if (Double.isFinite(h.baseline())) {
            p.line(left, y.px(h.baseline()), right, y.px(h.baseline()), "#555", 1.2, "5,4")
                    .text(right, y.px(h.baseline()) - 4, "baseline " + Human.num(h.baseline()), "end", "#555", 10, false);
        }
        for (int cp : h.changePoints()) {
            double x = left + step * (cp + 0.5);
            p.line(x, 24, x, 180, "#c0392b", 2, null).text(x + 3, 34, "change", "start", "#c0392b", 10, true);
        }
        int every = Math.max(1, (int) Math.ceil(pts.size() / 6.0));
        for (int i = 0; i < pts.size(); i++) {
            ReportModel.HistoryPoint q = pts.get(i);
            p.circle(xs[i], line.get(i)[1], 3.5, Plot.CURRENT, date(q.at()) + " " + shortCommit(q.commit()) + ": median "
                    + Human.value(q.median(), h.unit()) + (Double.isFinite(q.min()) ? ", forks " + Human.num(q.min()) + " … "
                    + Human.num(q.max()) : ""));
            if (i % every == 0 || i == pts.size() - 1) {
                String anchor = pts.size() > 1 && i == 0 ? "start" : pts.size() > 1 && i == pts.size() - 1 ? "end" : "middle";
                p.text(xs[i], 198, date(q.at()), anchor, "#444", 10, false)
                        .text(xs[i], 212, shortCommit(q.commit()), anchor, "#777", 10, false);
            }
        }
        return p.svg();
    }

    static String date(String at) {
        return at == null || at.length() < 10 ? String.valueOf(at) : at.substring(0, 10);
    }

    static String shortCommit(String c) {
        return c == null ? "" : c.length() > 7 ? c.substring(0, 7) : c;
    }

    static double[] finite(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).toArray();
    }
}
