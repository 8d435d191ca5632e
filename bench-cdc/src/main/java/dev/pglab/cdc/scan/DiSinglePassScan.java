package dev.pglab.cdc.scan;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.ColumnMask;
import dev.pglab.cdc.ScanWindow;
import dev.pglab.cdc.Sql;
import java.util.List;

/**
 * The single-pass D+I scan: one read of the buffer, one sort and one WindowAgg over pk_hash ordered by
 * change_id. Per key, the rows alternate D, I, D, I ... so the first row is a D exactly when the key existed
 * before the window (emit it: the pre-image) and the last row is an I exactly when it exists after (emit it:
 * the post-image).
 */
public record DiSinglePassScan() implements DeltaScan {

    @Override
    public BufferKind buffer() {
        return BufferKind.DI;
    }

    @Override
    public String id() {
        return "di1";
    }

    @Override
    public String sql(ChangeBufferSchema schema, ScanWindow window, ColumnMask mask) {
        String image = Sql.list(schema.source().columns(), col -> "c." + schema.flatColumn(col) + " AS " + Sql.ident(col.name()));
        String out = Sql.list(schema.source().columns(), col -> "s." + Sql.ident(col.name()));
        return String.join("\n", List.of(
                "SELECT s.__pk_hash, s.__action, " + out,
                "FROM (",
                "  SELECT c.pk_hash AS __pk_hash, c.action::text AS __action, " + image + ",",
                "         row_number() OVER w AS __rn, count(*) OVER w AS __cnt",
                "  FROM " + schema.table(BufferKind.DI) + " c",
                "  WHERE " + window.predicate("c") + " AND " + mask.predicate(schema.source(), "c"),
                "  WINDOW w AS (PARTITION BY c.pk_hash ORDER BY c.change_id",
                "               ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)",
                ") s",
                "WHERE (s.__action = 'D' AND s.__rn = 1) OR (s.__action = 'I' AND s.__rn = s.__cnt)"));
    }
}
