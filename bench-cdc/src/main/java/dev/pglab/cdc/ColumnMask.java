package dev.pglab.cdc;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns a consumer reads (upstream WB-1/P2-5): rows of UPDATEs that changed none of them are skipped at
 * scan time with {@code changed_cols IS NULL OR CASE WHEN bit_length(changed_cols) = N THEN (changed_cols &
 * B'mask') <> B'0..0' ELSE TRUE END}. pglab always adds the key columns to a mask: the D+I halves of a
 * key-changing UPDATE land in two pk_hash groups, and dropping them while keeping their neighbours would
 * pair rows of different keys (and compaction relies on it too).
 */
public record ColumnMask(Set<String> columns) {

    public ColumnMask {
        columns = columns == null ? null : Set.copyOf(columns);
    }

    /** No filter: the consumer reads every column. */
    public static ColumnMask all() {
        return new ColumnMask(null);
    }

    public static ColumnMask of(SourceTable table, List<String> read) {
        Set<String> cols = new LinkedHashSet<>(table.keyColumns());
        for (String c : read) {
            cols.add(table.column(c).name());
        }
        return new ColumnMask(cols);
    }

    public boolean filters(SourceTable table) {
        return columns != null && table.keyed() && columns.size() < table.columns().size();
    }

    /** The columns projected by a consumer with this mask, in attnum order. */
    public List<SourceColumn> projected(SourceTable table) {
        return columns == null ? table.columns()
                : table.columns().stream().filter(c -> columns.contains(c.name())).toList();
    }

    /** The scan predicate over buffer alias {@code c}, or {@code TRUE} when nothing is filtered. */
    public String predicate(SourceTable table, String alias) {
        if (!filters(table)) {
            return "TRUE";
        }
        StringBuilder mask = new StringBuilder();
        StringBuilder zero = new StringBuilder();
        for (SourceColumn c : table.columns()) {
            mask.append(columns.contains(c.name()) ? '1' : '0');
            zero.append('0');
        }
        String cc = alias + ".changed_cols";
        return "(" + cc + " IS NULL OR CASE WHEN bit_length(" + cc + ") = " + table.columns().size()
                + " THEN (" + cc + " & B'" + mask + "') <> B'" + zero + "' ELSE TRUE END)";
    }
}
