package dev.pglab.cdc.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** The verdicts against the roadmap, as a text table for people and as JSON for files and diffs. */
public record VerdictTable(String source, List<VerdictRow> rows) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public VerdictTable {
        rows = List.copyOf(rows);
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Verdicts against the pg_trickle v0.43 roadmap (").append(source).append(")\n");
        out.append("change = variant/baseline - 1 of the medians; [interval] = range over all pairs of independent samples;\n");
        out.append("verdict: PASS / FAIL when the whole interval is inside / outside the bound, else INCONCLUSIVE (also with < 2 samples);\n");
        out.append("cpu = the same for backend CPU time (n/a for buffer hits or a remote server)\n\n");
        String fmt = "%-36s %-24s %-24s %-14s %10s %10s  %-26s %-12s  %-26s %-12s%n";
        out.append(fmt.formatted("criterion", "scenario", "variant", "baseline", "variant", "baseline",
                "change [interval]", "verdict", "cpu change [interval]", "cpu verdict"));
        for (VerdictRow r : rows) {
            out.append(fmt.formatted(r.criterion().label(), r.scenario(), r.variant(), r.baseline(),
                    number(r.variantValue()), number(r.baselineValue()), r.change().format(), r.verdict(),
                    r.cpuChange().format(), Double.isNaN(r.cpuChange().change()) ? "" : r.cpuVerdict().toString()));
        }
        return out.toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /** JSON has no NaN: a value that was not measured is null. */
    private static void number(ObjectNode n, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", source);
        ArrayNode list = root.putArray("verdicts");
        for (VerdictRow r : rows) {
            ObjectNode n = list.addObject();
            n.put("criterion", r.criterion().name().toLowerCase(Locale.ROOT));
            n.put("criterionLabel", r.criterion().label());
            number(n, "maxChange", r.criterion().maxChange());
            n.put("scenario", r.scenario());
            n.put("variant", r.variant());
            n.put("baseline", r.baseline());
            n.put("metric", r.metric());
            number(n, "variantValue", r.variantValue());
            number(n, "baselineValue", r.baselineValue());
            number(n, "change", r.change().change());
            number(n, "changeLow", r.change().low());
            number(n, "changeHigh", r.change().high());
            n.put("samples", r.change().variantSamples() + "/" + r.change().baselineSamples());
            n.put("verdict", r.verdict().name());
            number(n, "cpuChange", r.cpuChange().change());
            number(n, "cpuChangeLow", r.cpuChange().low());
            number(n, "cpuChangeHigh", r.cpuChange().high());
            n.put("cpuVerdict", Double.isNaN(r.cpuChange().change()) ? null : r.cpuVerdict().name());
        }
        return root;
    }
}
