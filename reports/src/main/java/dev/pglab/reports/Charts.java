package dev.pglab.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.category.ScatterRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.statistics.DefaultMultiValueCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** The report's chart shapes, built with JFreeChart (rendered to inline SVG by {@link Svg}). */
final class Charts {
    static final Color BASELINE = new Color(0x8c, 0x9d, 0xb5);
    static final Color CURRENT = new Color(0x2b, 0x6c, 0xb0);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    private Charts() {
    }

    /** A/B: the slowdown ratio of each round (head over base), with lines at 1 and at 1 + T. */
    static JFreeChart rounds(String title, double[] ratios, double threshold) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (int i = 0; i < ratios.length; i++) {
            ds.addValue(ratios[i], "head / base", "r" + (i + 1) + (i % 2 == 0 ? " AB" : " BA"));
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, "slowdown ratio", ds, PlotOrientation.VERTICAL,
                true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        org.jfree.chart.renderer.category.BarRenderer r = (org.jfree.chart.renderer.category.BarRenderer) plot.getRenderer();
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, CURRENT);
        plot.addRangeMarker(new ValueMarker(1, Color.DARK_GRAY, new BasicStroke(1f)));
        ValueMarker t = new ValueMarker(1 + threshold, new Color(0xc0, 0x39, 0x2b), new BasicStroke(1.5f));
        t.setLabel("1 + T");
        t.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        t.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(t);
        style(chart);
        return chart;
    }

    /** Percentile distributions on a log 1/(1-p) axis, labelled 90%, 99%, 99.9%, ... */
    static JFreeChart percentiles(String title, String unit, Map<String, List<double[]>> curves) {
        XYSeriesCollection ds = new XYSeriesCollection();
        curves.forEach((name, pts) -> {
            XYSeries s = new XYSeries(name, false, true);
            pts.forEach(p -> s.add(p[2], p[0]));
            ds.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, "percentile", unit, ds, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis x = new LogAxis("percentile");
        x.setBase(10);
        x.setSmallestValue(1);
        x.setNumberFormatOverride(new PercentileFormat());
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1)); // one tick per decade: 0%, 90%, 99%, 99.9%
        x.setTickLabelFont(SMALL);
        plot.setDomainAxis(x);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDefaultStroke(new BasicStroke(2f));
        plot.setRenderer(r);
        style(chart);
        return chart;
    }

    /** Colours for stacked series, in order; sampled waits get theirs by wait event type first. */
    private static final Color[] PALETTE = {new Color(0x2b, 0x6c, 0xb0), new Color(0xd9, 0x48, 0x1e),
            new Color(0x2e, 0x8b, 0x57), new Color(0x8e, 0x44, 0xad), new Color(0xe6, 0x9f, 0x00),
            new Color(0x17, 0xa2, 0xb8), new Color(0xc0, 0x39, 0x2b), new Color(0x6d, 0x4c, 0x41),
            new Color(0x7f, 0x8c, 0x8d), new Color(0xb5, 0x8b, 0x00), new Color(0x34, 0x49, 0x5e),
            new Color(0xe8, 0x43, 0x93)};

    /**
     * Horizontal stacked bars: one bar per category (in the map's order, top to bottom), one segment per series
     * (in the order series first appear). Used for wait time by event per statement.
     */
    static JFreeChart stackedBars(String title, String unit, Map<String, Map<String, Double>> values) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        java.util.LinkedHashSet<String> series = new java.util.LinkedHashSet<>();
        values.values().forEach(m -> series.addAll(m.keySet()));
        for (String s : series) {
            for (Map.Entry<String, Map<String, Double>> c : values.entrySet()) {
                ds.addValue(c.getValue().getOrDefault(s, 0.0), s, c.getKey());
            }
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(title, null, unit, ds, PlotOrientation.HORIZONTAL,
                true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        org.jfree.chart.renderer.category.BarRenderer r = (org.jfree.chart.renderer.category.BarRenderer) plot.getRenderer();
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.08);
        int i = 0;
        Map<String, Integer> ofType = new java.util.HashMap<>();
        for (String s : series) {
            int nth = ofType.merge(s.contains(":") ? s.substring(0, s.indexOf(':')) : s, 1, Integer::sum) - 1;
            r.setSeriesPaint(i, shade(seriesColor(s, i), nth));
            i++;
        }
        style(chart);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.45f);
        return chart;
    }

    /** Events of one type told apart: the first as is, then alternately darker and lighter. */
    private static Color shade(Color c, int nth) {
        Color out = c;
        for (int k = 0; k < (nth + 1) / 2; k++) {
            out = nth % 2 == 1 ? out.darker() : out.brighter();
        }
        return out;
    }

    /** Client think time grey, CPU green, locks red, else the palette. */
    private static Color seriesColor(String series, int index) {
        if (series.startsWith("Client:") || series.equals("between calls")) {
            return new Color(0xa0, 0xa8, 0xb3);
        }
        if (series.equals("CPU")) {
            return new Color(0x2e, 0x8b, 0x57);
        }
        if (series.startsWith("Lock:")) {
            return series.endsWith("transactionid") ? new Color(0xc0, 0x39, 0x2b) : new Color(0xe6, 0x7e, 0x22);
        }
        if (series.startsWith("IO:")) {
            return new Color(0x17, 0xa2, 0xb8);
        }
        if (series.startsWith("LWLock:")) {
            return new Color(0x8e, 0x44, 0xad);
        }
        if (series.equals("in calls")) {
            return CURRENT;
        }
        return PALETTE[index % PALETTE.length];
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        chart.getPlot().setBackgroundPaint(new Color(0xfa, 0xfa, 0xfa));
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(SMALL);
        }
        if (chart.getPlot() instanceof CategoryPlot p) {
            p.getDomainAxis().setTickLabelFont(SMALL);
            p.getRangeAxis().setTickLabelFont(SMALL);
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        } else if (chart.getPlot() instanceof XYPlot p) {
            p.getRangeAxis().setTickLabelFont(SMALL);
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
            p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        }
    }
}
