package dev.pglab.ci;

import java.util.Locale;
import java.util.Map;

/**
 * The verdict table as a pull-request comment or a CI job summary shows it (GitHub-flavoured Markdown): a headline
 * with the counts, one row per key that needs attention first, the A/B timing with its interval and the smallest
 * slowdown it could have detected, and the gate's notes. Written beside gate.json as {@code gate.md}.
 */
public final class GateMarkdown {
    private GateMarkdown() {
    }

    public static String render(GateReport report) {
        StringBuilder b = new StringBuilder();
        int regressions = report.regressions();
        int inconclusive = report.counts().getOrDefault(Verdict.INCONCLUSIVE, 0);
        b.append("### pglab gate: ").append(regressions > 0 ? "REGRESSION" : inconclusive > 0 ? "no regression (some INCONCLUSIVE)"
                : "no regression").append("\n\n");
        b.append(counts(report.counts())).append(" · policy `").append(report.policy()).append("` · machine `")
                .append(report.fingerprintId()).append("` · commit `")
                .append(report.gitCommit() == null ? "unknown" : report.gitCommit().substring(0, Math.min(12, report.gitCommit().length())))
                .append("`\n\n");
        if (report.verdicts().isEmpty()) {
            b.append("_No results were gated._\n");
        } else {
            b.append("| verdict | module | benchmark | A/B time (head/base) | detectable | time vs baseline | bytes/op | why |\n");
            b.append("|---|---|---|---|---|---|---|---|\n");
            for (KeyVerdict k : report.verdicts()) {
                b.append("| ").append(badge(k.verdict())).append(" | ").append(cell(k.module())).append(" | ")
                        .append(cell(k.name())).append(" | ").append(ab(k)).append(" | ").append(detectable(k)).append(" | ")
                        .append(timing(k)).append(" | ").append(alloc(k)).append(" | ")
                        .append(cell(String.join("; ", k.reasons()))).append(" |\n");
            }
        }
        if (report.notes() != null && !report.notes().isEmpty()) {
            b.append('\n');
            report.notes().forEach(n -> b.append("- ").append(n.replace("\n", " ")).append('\n'));
        }
        return b.toString();
    }

    private static String counts(Map<Verdict, Integer> counts) {
        StringBuilder b = new StringBuilder();
        counts.forEach((v, n) -> {
            if (n > 0) {
                b.append(b.isEmpty() ? "" : ", ").append(n).append(' ').append(v.label());
            }
        });
        return b.isEmpty() ? "no results" : b.toString();
    }

    private static String badge(Verdict v) {
        return switch (v) {
            case REGRESSION -> "**REGRESSION**";
            case INCONCLUSIVE -> "_INCONCLUSIVE_";
            default -> v.label();
        };
    }

    private static String ab(KeyVerdict k) {
        var a = k.ab();
        if (a == null) {
            return "";
        }
        return String.format(Locale.ROOT, "x%.3f [%.3f, %.3f], p=%.3g, %d rounds", a.medianRatio(), a.low(), a.high(),
                a.pValue(), a.rounds());
    }

    private static String detectable(KeyVerdict k) {
        var a = k.ab();
        if (a == null) {
            return "";
        }
        return Double.isFinite(a.detectable()) ? String.format(Locale.ROOT, "≥ %.0f %%", 100 * a.detectable()) : "none";
    }

    private static String timing(KeyVerdict k) {
        var t = k.timing();
        if (t == null || !Double.isFinite(t.ratio())) {
            return "";
        }
        return Double.isNaN(t.low()) ? String.format(Locale.ROOT, "x%.3f", t.ratio())
                : String.format(Locale.ROOT, "x%.3f [%.2f, %.2f]", t.ratio(), t.low(), t.high());
    }

    private static String alloc(KeyVerdict k) {
        var a = k.alloc();
        return a == null ? "" : String.format(Locale.ROOT, "%.1f → %.1f", a.baseline(), a.current());
    }

    /** A table cell: pipes escaped, no line breaks. */
    static String cell(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
