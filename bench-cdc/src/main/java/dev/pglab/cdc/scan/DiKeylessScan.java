package dev.pglab.cdc.scan;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.ColumnMask;
import dev.pglab.cdc.ScanWindow;
import dev.pglab.cdc.Sql;
import java.util.List;

/**
 * The D+I buffer's keyless scan: the wide decomposition minus its two U branches (v0.43). Both D+I variants
 * use it; {@code id} keeps the variant's name in results.
 */
public record DiKeylessScan(String id) implements DeltaScan {

    @Override
    public BufferKind buffer() {
        return BufferKind.DI;
    }

    @Override
    public String sql(ChangeBufferSchema schema, ScanWindow window, ColumnMask mask) {
        String from = " FROM " + schema.table(BufferKind.DI) + " c WHERE " + window.predicate("c") + " AND c.action = ";
        String image = Sql.list(schema.source().columns(), col -> "c." + schema.flatColumn(col) + " AS " + Sql.ident(col.name()));
        return new KeylessDecomposition(List.of(
                "SELECT c.pk_hash AS __h, 1 AS __m, " + image + from + "'I'",
                "SELECT c.pk_hash AS __h, -1 AS __m, " + image + from + "'D'"))
                .sql(schema.source().columns());
    }
}
