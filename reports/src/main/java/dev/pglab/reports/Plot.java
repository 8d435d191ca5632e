package dev.pglab.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hand-drawn inline SVG for the charts JFreeChart draws poorly on a page: full, never-cut labels, a
 * {@code <title>} tooltip on every mark, log axes that show 0 → 26 B. Coordinates in CSS pixels.
 */
final class Plot {
    static final String BASELINE = "#8c9db5";
    static final String CURRENT = "#2b6cb0";
    static final String GRID = "#e3e8ef";
    static final String TEXT = "#1d2733";
    static final String[] SERIES = {"#2b6cb0", "#d9481e", "#2e8b57", "#8e44ad", "#e69f00", "#17a2b8"};

    private final StringBuilder b = new StringBuilder();
    private final int width;
    private final int height;

    Plot(int width, int height, String cssClass) {
        this.width = width;
        this.height = height;
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(cssClass).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"system-ui,DejaVu Sans,sans-serif\" font-size=\"12\">");
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    Plot rect(double x, double y, double w, double h, String fill, String title) {
        b.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(Math.max(w, 0)))
                .append("\" height=\"").append(f(Math.max(h, 0))).append("\" fill=\"").append(fill).append('"');
        return close(title);
    }

    Plot line(double x1, double y1, double x2, double y2, String stroke, double widthPx, String dash) {
        b.append("<line x1=\"").append(f(x1)).append("\" y1=\"").append(f(y1)).append("\" x2=\"").append(f(x2))
                .append("\" y2=\"").append(f(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(f(widthPx)).append('"');
        if (dash != null) {
            b.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        return close(null);
    }

    Plot circle(double x, double y, double r, String fill, String title) {
        b.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\" r=\"").append(f(r))
                .append("\" fill=\"").append(fill).append('"');
        return close(title);
    }

    /** A polyline through the points; NaN values break it into pieces (a gap stays a gap). */
    Plot polyline(List<double[]> points, String stroke, double widthPx, String dash) {
        List<double[]> run = new ArrayList<>();
        for (double[] p : points) {
            if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                run.add(p);
            } else {
                flush(run, stroke, widthPx, dash);
            }
        }
        flush(run, stroke, widthPx, dash);
        return this;
    }

    private void flush(List<double[]> run, String stroke, double widthPx, String dash) {
        if (run.isEmpty()) {
            return;
        }
        b.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(f(widthPx))
                .append("\" stroke-linejoin=\"round\"");
        if (dash != null) {
            b.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        b.append(" points=\"");
        for (double[] p : run) {
            b.append(f(p[0])).append(',').append(f(p[1])).append(' ');
        }
        b.append("\"/>");
        run.clear();
    }

    /** A filled band between two y series over the same x values. */
    Plot band(double[] xs, double[] lows, double[] highs, String fill) {
        StringBuilder pts = new StringBuilder();
        int n = 0;
        for (int i = 0; i < xs.length; i++) {
            if (Double.isFinite(lows[i]) && Double.isFinite(highs[i])) {
                pts.append(f(xs[i])).append(',').append(f(highs[i])).append(' ');
                n++;
            }
        }
        for (int i = xs.length - 1; i >= 0; i--) {
            if (Double.isFinite(lows[i]) && Double.isFinite(highs[i])) {
                pts.append(f(xs[i])).append(',').append(f(lows[i])).append(' ');
            }
        }
        if (n >= 2) {
            b.append("<polygon fill=\"").append(fill).append("\" stroke=\"none\" points=\"").append(pts).append("\"/>");
        }
        return this;
    }

    /** Text; {@code anchor} start, middle or end. */
    Plot text(double x, double y, String text, String anchor, String fill, int size, boolean bold) {
        b.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"").append(fill).append('"');
        if (size != 12) {
            b.append(" font-size=\"").append(size).append('"');
        }
        if (bold) {
            b.append(" font-weight=\"bold\"");
        }
        b.append('>').append(Html.esc(text)).append("</text>");
        return this;
    }

    /** Opens a group with a tooltip for everything inside it; close with {@link #end()}. */
    Plot group(String title) {
        b.append("<g>");
        if (title != null) {
            b.append("<title>").append(Html.esc(title)).append("</title>");
        }
        return this;
    }

    Plot end() {
        b.append("</g>");
        return this;
    }

    private Plot close(String title) {
        if (title == null) {
            b.append("/>");
        } else {
            String tag = b.substring(b.lastIndexOf("<") + 1).split("[ >]")[0];
            b.append("><title>").append(Html.esc(title)).append("</title></").append(tag).append('>');
        }
        return this;
    }

    String svg() {
        return b + "</svg>";
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A linear axis from lo to hi onto pixels a..b. */
    record Axis(double lo, double hi, double a, double b, boolean log) {
        static Axis linear(double lo, double hi, double a, double b) {
            if (!(hi > lo)) {
                hi = lo + Math.max(1, Math.abs(lo));
            }
            return new Axis(lo, hi, a, b, false);
        }

        static Axis log(double lo, double hi, double a, double b) {
            lo = Math.max(lo, 1e-12);
            if (!(hi > lo)) {
                hi = lo * 10;
            }
            return new Axis(lo, hi, a, b, true);
        }

        double px(double v) {
            double t = log ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                    : (v - lo) / (hi - lo);
            return a + Math.max(0, Math.min(1, t)) * (b - a);
        }

        /** Tick values: powers of ten on a log axis, 1-2-5 steps on a linear one. */
        List<Double> ticks(int wanted) {
            List<Double> t = new ArrayList<>();
            if (log) {
                for (double p = Math.pow(10, Math.floor(Math.log10(lo))); p <= hi * 1.0001; p *= 10) {
                    if (p >= lo * 0.9999) {
                        t.add(p);
                    }
                }
                return t;
            }
            double raw = (hi - lo) / Math.max(1, wanted);
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
            for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
                t.add(Math.abs(v) < step * 1e-9 ? 0 : v);
            }
            return t;
        }
    }
}
