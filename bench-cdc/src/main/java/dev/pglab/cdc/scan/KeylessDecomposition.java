package dev.pglab.cdc.scan;

import dev.pglab.cdc.Sql;
import dev.pglab.cdc.SourceColumn;
import java.util.List;

/**
 * upstream's keyless path: buffer rows become signed content rows (+1 for a new image, -1 for an old one),
 * summed per content hash; a positive sum is that many I-rows, a negative one that many D-rows, the values
 * taken with {@code (array_agg(col))[1]} (every row of a group has the same content).
 *
 * @param branches the UNION ALL branches, each selecting {@code __h, __m} and the source columns by name
 */
record KeylessDecomposition(List<String> branches) {

    String sql(List<SourceColumn> columns) {
        String picks = Sql.list(columns, c -> "(array_agg(d." + Sql.ident(c.name()) + "))[1] AS " + Sql.ident(c.name()));
        String out = Sql.list(columns, c -> "g." + Sql.ident(c.name()));
        return "WITH decomposed AS (\n  " + String.join("\n  UNION ALL\n  ", branches) + "\n), grouped AS (\n"
                + "  SELECT d.__h, sum(d.__m) AS __net, " + picks + "\n  FROM decomposed d GROUP BY d.__h\n)\n"
                + "SELECT g.__h AS __pk_hash, CASE WHEN g.__net > 0 THEN 'I' ELSE 'D' END::text AS __action, " + out + "\n"
                + "FROM grouped g CROSS JOIN LATERAL generate_series(1, abs(g.__net)) AS r(i)\nWHERE g.__net <> 0";
    }
}
