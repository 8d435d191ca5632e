package dev.pglab.cdc.experiment;

import java.util.List;

/**
 * The change mixes a scan is measured on, as one-statement bulk DML over the fixture (so they are the same
 * for every variant): each statement's rows pass the row triggers one by one.
 */
public enum Workload {
    /** Every row updated once (one data column): the roadmap's "CB scan" case. */
    SINGLE,
    /** upstream's e2e mix: 70 % of rows updated, 15 % deleted, 15 % new rows inserted. */
    MIXED,
    /**
     * Multi-change collapse: 40 % of keys updated twice, 20 % updated then deleted, 20 % updated once, and
     * new rows (10 %) inserted then updated: 7 of every 9 touched keys (78 %) have two or more changes.
     */
    MULTI;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Workload parse(String id) {
        return valueOf(id.trim().toUpperCase(java.util.Locale.ROOT));
    }

    public List<String> statements(SourceFixture fixture, String qualifiedSource) {
        String t = qualifiedSource;
        String c1 = SourceFixture.column(1);
        String c2 = fixture.columns() > 3 ? SourceFixture.column(3) : c1;
        int n = fixture.rows();
        return switch (this) {
            case SINGLE -> List.of("UPDATE " + t + " SET " + c1 + " = " + c1 + " + 1");
            case MIXED -> List.of(
                    "UPDATE " + t + " SET " + c1 + " = " + c1 + " + 1 WHERE id % 20 < 14",
                    "DELETE FROM " + t + " WHERE id % 20 IN (14, 15, 16)",
                    fixture.insertRange(t, Integer.toString(n + 1), Integer.toString(n + Math.max(1, n * 15 / 100))));
            case MULTI -> List.of(
                    "UPDATE " + t + " SET " + c1 + " = " + c1 + " + 1 WHERE id % 10 < 8",
                    "UPDATE " + t + " SET " + c2 + " = " + c2 + " + 1 WHERE id % 10 < 4",
                    "DELETE FROM " + t + " WHERE id % 10 IN (4, 5)",
                    fixture.insertRange(t, Integer.toString(n + 1), Integer.toString(n + Math.max(1, n / 10))),
                    "UPDATE " + t + " SET " + c1 + " = " + c1 + " + 1 WHERE id > " + n);
        };
    }
}
