package dev.pglab.cdc.experiment;

import java.util.List;

/**
 * What the command line measures: bulk writes for every {@code cols x rows}, OLTP writes per {@code cols},
 * scans of a {@code max(cols)}-column source at every {@code rows}, the statement-join comparison at
 * {@code min(rows, 1000)} rows; {@code rounds} independent samples of each (at least 2 for an interval).
 */
public record ExperimentPlan(List<Integer> cols, List<Integer> rows, int rounds, int oltpUpdates, int scanRuns) {

    public ExperimentPlan {
        cols = List.copyOf(cols);
        rows = List.copyOf(rows);
        if (cols.isEmpty() || rows.isEmpty()) {
            throw new IllegalArgumentException("--cols and --rows need at least one value each");
        }
        for (int c : cols) {
            if (c < 4 || c > 400) {
                throw new IllegalArgumentException("--cols " + c + ": expected 4..400 columns");
            }
        }
        for (int r : rows) {
            if (r < 10 || r > 1_000_000) {
                throw new IllegalArgumentException("--rows " + r + ": expected 10..1000000 rows");
            }
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds " + rounds + ": expected at least 1 (2 or more for intervals)");
        }
    }

    public int scanCols() {
        return cols.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    public int joinRows() {
        return Math.min(1000, rows.stream().mapToInt(Integer::intValue).min().orElseThrow());
    }
}
