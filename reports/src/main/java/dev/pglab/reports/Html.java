package dev.pglab.reports;

import dev.pglab.harness.text.Human;

/** Small HTML helpers: escaping, number formatting, the page shell with inline CSS (no external resources). */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A number for people: never scientific notation (see {@link Human}). */
    static String num(double v) {
        return Human.num(v);
    }

    /**
     * A measured value in a table column that states its unit (the trace's milliseconds): fixed decimals, so
     * columns line up and keep their precision, never scientific notation.
     */
    static String decimal(double v) {
        if (!Double.isFinite(v)) {
            return Human.num(v);
        }
        return String.format(java.util.Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
    }

    static String pct(double ratio) {
        return Human.percent(ratio);
    }

    static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                body{font-family:system-ui,-apple-system,"DejaVu Sans",sans-serif;margin:0;color:#1d2733;background:#fff}
                header{background:#1d3557;color:#fff;padding:14px 28px}
                header a{color:#cfe3ff} header h1{margin:0;font-size:22px}
                main{padding:8px 28px 40px}
                h2{border-bottom:2px solid #e3e8ef;padding-bottom:4px;margin-top:28px}
                table{border-collapse:collapse;margin:8px 0;font-size:13px}
                th,td{border:1px solid #dde3ea;padding:4px 8px;text-align:left;vertical-align:top}
                th{background:#f1f4f8} td.n{text-align:right;font-variant-numeric:tabular-nums}
                .v{font-weight:bold;white-space:nowrap}
                .REGRESSION{background:#fbd5d0;color:#8e1b0e}.INCONCLUSIVE{background:#fff0c2;color:#6b4e00}
                .PASS{background:#d8f0dc;color:#185c27}.NEW{background:#dde9fb;color:#17407a}
                .MISSING{background:#eadcf7;color:#4f2a77}.NOT-COMPARABLE{background:#eceff3;color:#444}
                .cards{display:flex;flex-wrap:wrap;gap:12px}
                .card{border:1px solid #e3e8ef;border-radius:6px;padding:6px;background:#fff}
                .card h3{font-size:13px;margin:2px 4px 6px;word-break:break-all;max-width:760px}
                dl.env{display:grid;grid-template-columns:max-content auto;gap:2px 14px;font-size:13px}
                dl.env dt{font-weight:bold} code{font-size:12px}
                .why{max-width:560px;font-size:12px}
                nav a{margin-right:14px}
                td.sql{max-width:520px;word-break:break-word} td.waits{font-size:12px;white-space:nowrap}
                .missing{background:#fff0c2;padding:6px 12px;border-radius:4px;font-size:13px}
                table.changes td{vertical-align:middle;padding:2px 6px} table.changes td.bar,table.changes th.axis{padding:0 4px}
                table.changes td.key{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px;min-width:300px;max-width:460px;overflow-wrap:break-word}
                table.changes td.suite{white-space:nowrap} table.changes td.nums{font-size:12px;white-space:nowrap}
                table.changes td.change-text{white-space:nowrap} table.changes svg{display:block}
                .tag{display:inline-block;white-space:nowrap;background:#eef1f5;border-radius:3px;padding:0 5px;margin:1px;font-size:11px;cursor:help}
                td.tags details{display:inline;font-size:11px} td.tags summary{cursor:pointer;color:#2b6cb0;display:inline}
                .summary .v{padding:2px 8px;border-radius:3px;margin-right:6px}
                .swatch{display:inline-block;width:14px;height:14px;border-radius:2px}
                </style></head><body>
                %s
                </body></html>
                """.formatted(esc(title), body);
    }
}
