package dev.pglab.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.HashMap;
import java.util.Map;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.data.category.CategoryDataset;

/**
 * Bars with an asymmetric interval whisker (JFreeChart's StatisticalBarRenderer only draws mean +- sd): the bar
 * is the median of fork medians, the whisker spans the slowest and fastest fork.
 */
final class IntervalBarRenderer extends BarRenderer {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, double[]> intervals = new HashMap<>();

    void interval(Comparable<?> row, Comparable<?> column, double low, double high) {
        intervals.put(row + "\u0000" + column, new double[] {low, high});
    }

    double maxHigh() {
        return intervals.values().stream().mapToDouble(v -> v[1]).filter(Double::isFinite).max().orElse(0);
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
                         CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column,
                         int pass) {
        super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        if (pass != 1) {
            return;
        }
        double[] iv = intervals.get(dataset.getRowKey(row) + "\u0000" + dataset.getColumnKey(column));
        if (iv == null || !Double.isFinite(iv[0]) || !Double.isFinite(iv[1])) {
            return;
        }
        double w0 = calculateBarW0(plot, plot.getOrientation(), dataArea, domainAxis, state, row, column);
        double x = w0 + state.getBarWidth() / 2;
        double y0 = rangeAxis.valueToJava2D(iv[0], dataArea, plot.getRangeAxisEdge());
        double y1 = rangeAxis.valueToJava2D(iv[1], dataArea, plot.getRangeAxisEdge());
        double cap = state.getBarWidth() / 4;
        g2.setPaint(Color.DARK_GRAY);
        g2.setStroke(new BasicStroke(1.5f));
        g2.draw(new Line2D.Double(x, y0, x, y1));
        g2.draw(new Line2D.Double(x - cap, y0, x + cap, y0));
        g2.draw(new Line2D.Double(x - cap, y1, x + cap, y1));
    }
}
