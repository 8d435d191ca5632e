package dev.pglab.harness.text;

import java.util.Locale;

/**
 * Numbers as people read them: three significant digits, an SI prefix for large values ({@code 19.8 M ops/s}),
 * bytes in binary units stated as such ({@code 26 B/op}, {@code 1.5 KiB/op}), changes as {@code −12 %} or
 * {@code 1.8× slower}. Never scientific notation: the report is read, not parsed.
 */
public final class Human {
    private static final String[] PREFIX = {"", " k", " M", " G", " T", " P"};
    private static final String MINUS = "\u2212";

    private Human() {
    }

    /** A plain number, 3 significant digits, SI prefixes from 10 000 up (so 1 234 stays whole). */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : MINUS + "∞";
        }
        String sign = v < 0 ? MINUS : "";
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a < 0.001) {
            return sign + "< 0.001";
        }
        if (a < 10_000) {
            return sign + sig3(a);
        }
        int p = 0;
        while (a >= 999.5 && p < PREFIX.length - 1) {
            a /= 1000;
            p++;
        }
        return sign + sig3(a) + PREFIX[p];
    }

    /** A value with its unit: {@code 19.8 M ops/s}, {@code 26 B/op}, {@code 1.5 KiB/op}, {@code 312 ns/op}. */
    public static String value(double v, String unit) {
        if (unit == null || unit.isBlank()) {
            return num(v);
        }
        if (unit.startsWith("B/") || unit.equals("B") || unit.equals("bytes")) {
            return bytes(v) + unit.substring(unit.equals("bytes") ? 5 : 1);
        }
        return num(v) + " " + unit;
    }

    /** Bytes in binary units: {@code 26 B}, {@code 1.5 KiB}, {@code 3.2 MiB}. */
    public static String bytes(double v) {
        if (!Double.isFinite(v)) {
            return num(v) + " B";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double a = Math.abs(v);
        int u = 0;
        while (a >= 1024 && u < units.length - 1) {
            a /= 1024;
            u++;
        }
        return (v < 0 ? MINUS : "") + (u == 0 && a >= 1 ? String.valueOf(Math.round(a)) : sig3(a)) + " " + units[u];
    }

    /** A relative change: {@code +4.2 %}, {@code −12 %}, {@code +356 %}. */
    public static String percent(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "–";
        }
        double p = 100 * (ratio - 1);
        String sign = p > 0 ? "+" : p < 0 ? MINUS : "±";
        double a = Math.abs(p);
        return sign + (a >= 10 ? String.valueOf(Math.round(a)) : String.format(Locale.ROOT, "%.1f", a)) + " %";
    }

    /**
     * A slowdown ratio (above 1 is worse, whatever the unit) as words: {@code 1.8× slower}, {@code 12 % faster},
     * {@code same}. Ratios within 1 % read "same".
     */
    public static String slowdown(double ratio, String worse, String better) {
        if (!Double.isFinite(ratio) || ratio <= 0) {
            return "–";
        }
        if (Math.abs(ratio - 1) < 0.01) {
            return "same";
        }
        if (ratio >= 1.5) {
            return sig3(ratio) + "× " + worse;
        }
        if (ratio <= 1 / 1.5) {
            return sig3(1 / ratio) + "× " + better;
        }
        double p = ratio > 1 ? 100 * (ratio - 1) : 100 * (1 - ratio);
        return (p >= 10 ? String.valueOf(Math.round(p)) : String.format(Locale.ROOT, "%.1f", p)) + " % "
                + (ratio > 1 ? worse : better);
    }

    /** Milliseconds as {@code 850 µs}, {@code 12.3 ms}, {@code 3.1 s}. */
    public static String millis(double ms) {
        if (!Double.isFinite(ms)) {
            return num(ms);
        }
        double a = Math.abs(ms);
        if (a == 0) {
            return "0 ms";
        }
        if (a < 1) {
            return num(ms * 1000) + " µs";
        }
        if (a < 1000) {
            return num(ms) + " ms";
        }
        return num(ms / 1000) + " s";
    }

    /** Three significant digits without trailing zeros; whole numbers from 100 up. */
    static String sig3(double a) {
        if (a >= 99.95) {
            return String.valueOf(Math.round(a));
        }
        String s = a >= 9.995 ? String.format(Locale.ROOT, "%.1f", a)
                : a >= 0.9995 ? String.format(Locale.ROOT, "%.2f", a) : String.format(Locale.ROOT, "%.3f", a);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
