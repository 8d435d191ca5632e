package dev.pglab.cdc.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns samples into the verdict table: every roadmap criterion for the D+I schema as shipped (DI-5CTE: the
 * upstream trigger shape and the 5-CTE scan) and for the single-pass design (DI-1: bitmask once, one 2-row
 * VALUES, single-pass scan), each against WIDE, plus the statement-trigger join row. Scenarios without samples
 * are left out.
 */
public final class RoadmapVerdicts {
    /** The trigger standing for each D+I design on the write path. */
    public static final String AS_SHIPPED_TRIGGER = "di_row_twice";
    public static final String SINGLE_PASS_TRIGGER = "di_row_values";

    private RoadmapVerdicts() {
    }

    public static VerdictTable build(String source, ExperimentSamples s, List<Integer> cols, List<Integer> rows,
                                     int scanCols, List<Integer> scanRows) {
        List<VerdictRow> out = new ArrayList<>();
        String[][] writeVariants = {
                {"DI-5CTE (" + AS_SHIPPED_TRIGGER + ")", AS_SHIPPED_TRIGGER, "wide_row"},
                {"DI-1 (" + SINGLE_PASS_TRIGGER + ")", SINGLE_PASS_TRIGGER, "wide_row"},
                {"DI (di_row_once)", "di_row_once", "wide_row"},
                {"DI stmt (di_stmt_eq)", "di_stmt_eq", "wide_stmt_eq"}};
        for (int c : cols) {
            for (int r : rows) {
                for (String[] v : writeVariants) {
                    add(out, Criterion.WRITE_PATH, "bulk " + c + "c x " + r + "r", v[0], v[2], "ms/stmt",
                            s.bulkWrite(v[1], c, r, false), s.bulkWrite(v[2], c, r, false),
                            s.bulkWrite(v[1], c, r, true), s.bulkWrite(v[2], c, r, true));
                }
            }
            for (String[] v : writeVariants) {
                add(out, Criterion.WRITE_PATH, "oltp " + c + "c", v[0], v[2], "us/update",
                        s.oltpWrite(v[1], c, false), s.oltpWrite(v[2], c, false),
                        s.oltpWrite(v[1], c, true), s.oltpWrite(v[2], c, true));
            }
        }
        String[][] scanVariants = {{"DI-5CTE (di5)", "di5"}, {"DI-1 (di1)", "di1"}};
        for (int r : scanRows) {
            for (Workload w : List.of(Workload.SINGLE, Workload.MIXED, Workload.MULTI)) {
                Criterion criterion = w == Workload.MULTI ? Criterion.MULTI_CHANGE : Criterion.SCAN;
                for (String[] v : scanVariants) {
                    add(out, criterion, "scan " + w.id() + " " + scanCols + "c x " + r + "r", v[0], "WIDE (wide5)", "ms/scan",
                            s.scan(v[1], w, r, ExperimentSamples.ScanMetric.TIME_MS), s.scan("wide5", w, r, ExperimentSamples.ScanMetric.TIME_MS),
                            s.scan(v[1], w, r, ExperimentSamples.ScanMetric.CPU_MS), s.scan("wide5", w, r, ExperimentSamples.ScanMetric.CPU_MS));
                }
            }
            for (Workload w : List.of(Workload.SINGLE, Workload.MIXED, Workload.MULTI)) {
                for (String[] v : scanVariants) {
                    add(out, Criterion.SHARED_HIT, "scan " + w.id() + " " + scanCols + "c x " + r + "r", v[0], "WIDE (wide5)", "shared hit blocks",
                            s.scan(v[1], w, r, ExperimentSamples.ScanMetric.SHARED_HIT), s.scan("wide5", w, r, ExperimentSamples.ScanMetric.SHARED_HIT),
                            null, null);
                }
            }
        }
        for (String buffer : List.of("wide", "di")) {
            add(out, Criterion.STATEMENT_JOIN, "bulk stmt trigger " + buffer, buffer + "_stmt_indf", buffer + "_stmt_eq", "ms/stmt",
                    s.statementJoin(buffer, "indf", false), s.statementJoin(buffer, "eq", false),
                    s.statementJoin(buffer, "indf", true), s.statementJoin(buffer, "eq", true));
        }
        return new VerdictTable(source, out);
    }

    private static void add(List<VerdictRow> out, Criterion criterion, String scenario, String variant, String baseline,
                            String metric, double[] v, double[] b, double[] vCpu, double[] bCpu) {
        if (v.length == 0 || b.length == 0) {
            return;
        }
        out.add(VerdictRow.of(criterion, scenario, variant, baseline, metric, v, b, vCpu, bCpu));
    }
}
