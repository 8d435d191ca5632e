package dev.pglab.cdc;

import java.util.List;

/**
 * The truth a delta is checked against: the multiset difference of two snapshots of the source. A delta
 * matches when, after cancelling D-rows against equal I-rows (a no-op UPDATE emits both), its D-rows are
 * exactly {@code before − after} and its I-rows exactly {@code after − before}, projected on the columns a
 * consumer reads.
 */
public final class NetChange {
    private NetChange() {
    }

    /** A query returning the number of rows by which the delta differs from the true net change (0 = equal). */
    public static String mismatchCount(String deltaSql, String beforeTable, String afterTable, List<SourceColumn> columns) {
        String cols = Sql.list(columns, c -> Sql.ident(c.name()));
        return """
                WITH delta AS (%1$s),
                d AS (SELECT %2$s FROM delta WHERE __action = 'D' EXCEPT ALL SELECT %2$s FROM delta WHERE __action = 'I'),
                i AS (SELECT %2$s FROM delta WHERE __action = 'I' EXCEPT ALL SELECT %2$s FROM delta WHERE __action = 'D'),
                td AS (SELECT %2$s FROM %3$s EXCEPT ALL SELECT %2$s FROM %4$s),
                ti AS (SELECT %2$s FROM %4$s EXCEPT ALL SELECT %2$s FROM %3$s)
                SELECT (SELECT count(*) FROM (SELECT * FROM d EXCEPT ALL SELECT * FROM td) x)
                     + (SELECT count(*) FROM (SELECT * FROM td EXCEPT ALL SELECT * FROM d) x)
                     + (SELECT count(*) FROM (SELECT * FROM i EXCEPT ALL SELECT * FROM ti) x)
                     + (SELECT count(*) FROM (SELECT * FROM ti EXCEPT ALL SELECT * FROM i) x)"""
                .formatted(deltaSql, cols, beforeTable, afterTable);
    }

    /** A query counting pk_hash values with more than one D or more than one I row (a keyed delta has none). */
    public static String duplicateKeys(String deltaSql) {
        return "SELECT count(*) FROM (SELECT __pk_hash, __action FROM (" + deltaSql
                + ") d GROUP BY 1, 2 HAVING count(*) > 1) x";
    }

    /** A query returning how many rows differ between two deltas as multisets of (action, columns). */
    public static String deltaDifference(String deltaA, String deltaB, List<SourceColumn> columns) {
        String cols = "__action, " + Sql.list(columns, c -> Sql.ident(c.name()));
        return """
                WITH a AS (SELECT %3$s FROM (%1$s) x), b AS (SELECT %3$s FROM (%2$s) y)
                SELECT (SELECT count(*) FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM b) p)
                     + (SELECT count(*) FROM (SELECT * FROM b EXCEPT ALL SELECT * FROM a) q)""".formatted(deltaA, deltaB, cols);
    }
}
