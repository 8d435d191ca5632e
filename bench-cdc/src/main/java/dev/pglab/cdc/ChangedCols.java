package dev.pglab.cdc;

import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code changed_cols} bitmask as upstream builds it: one bit per captured column in attnum order, key
 * columns included, leftmost first, {@code (CASE WHEN n IS DISTINCT FROM o THEN B'1' ELSE B'0' END)::varbit || ...}.
 * Types without {@code =} are compared as text.
 */
public final class ChangedCols {
    private ChangedCols() {
    }

    public static String expression(SourceTable table, Function<SourceColumn, String> newRef,
                                    Function<SourceColumn, String> oldRef) {
        return table.columns().stream().map(c -> {
            String n = c.hasEquality() ? newRef.apply(c) : "(" + newRef.apply(c) + ")::text";
            String o = c.hasEquality() ? oldRef.apply(c) : "(" + oldRef.apply(c) + ")::text";
            return "(CASE WHEN " + n + " IS DISTINCT FROM " + o + " THEN B'1' ELSE B'0' END)::varbit";
        }).collect(Collectors.joining("\n        || "));
    }

    /** True when an UPDATE moved the row to another key (compares the key as a row value). */
    public static String keyChanged(SourceTable table, Function<SourceColumn, String> newRef,
                                    Function<SourceColumn, String> oldRef) {
        return "ROW(" + Sql.list(table.keyColumnList(), newRef) + ") IS DISTINCT FROM ROW("
                + Sql.list(table.keyColumnList(), oldRef) + ")";
    }
}
