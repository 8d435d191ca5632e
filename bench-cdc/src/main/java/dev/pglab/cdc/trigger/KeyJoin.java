package dev.pglab.cdc.trigger;

import dev.pglab.cdc.Sql;
import dev.pglab.cdc.SourceTable;
import java.util.stream.Collectors;

/** How a statement-level UPDATE trigger pairs old and new transition rows by key. */
public enum KeyJoin {
    /**
     * Upstream's {@code n.k IS NOT DISTINCT FROM o.k}: PostgreSQL can neither hash nor merge-join it, so the
     * join is a nested loop, quadratic in rows per statement.
     */
    NOT_DISTINCT("indf", " IS NOT DISTINCT FROM "),
    /** {@code n.k = o.k}: equivalent because primary-key columns are NOT NULL, and hash-joinable. */
    EQUALS("eq", " = ");

    private final String id;
    private final String operator;

    KeyJoin(String id, String operator) {
        this.id = id;
        this.operator = operator;
    }

    public String id() {
        return id;
    }

    String condition(SourceTable table, String left, String right) {
        return table.keyColumnList().stream()
                .map(c -> left + "." + Sql.ident(c.name()) + operator + right + "." + Sql.ident(c.name()))
                .collect(Collectors.joining(" AND "));
    }
}
