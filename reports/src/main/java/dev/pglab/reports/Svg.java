package dev.pglab.reports;

import java.awt.Rectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** Renders a chart as an inline SVG element; ids get a per-chart prefix so many charts share one page. */
final class Svg {
    private int next;

    String render(JFreeChart chart, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        String prefix = "c" + (next++) + "-";
        g2.setDefsKeyPrefix(prefix);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        return g2.getSVGElement(prefix + "svg");
    }
}
