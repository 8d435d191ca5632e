package dev.pglab.cdc.scan;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.ColumnMask;
import dev.pglab.cdc.PkHash;
import dev.pglab.cdc.ScanWindow;
import dev.pglab.cdc.Sql;
import java.util.List;

/** The wide buffer's keyless scan: four branches, I → +1 new, D → -1 old, U → +1 new and -1 old (old hash recomputed). */
public record WideKeylessScan() implements DeltaScan {

    @Override
    public BufferKind buffer() {
        return BufferKind.WIDE;
    }

    @Override
    public String id() {
        return "wide5";
    }

    @Override
    public String sql(ChangeBufferSchema schema, ScanWindow window, ColumnMask mask) {
        String from = " FROM " + schema.table(BufferKind.WIDE) + " c WHERE " + window.predicate("c") + " AND c.action = ";
        String news = Sql.list(schema.source().columns(), col -> "c." + schema.newColumn(col) + " AS " + Sql.ident(col.name()));
        String olds = Sql.list(schema.source().columns(), col -> "c." + schema.oldColumn(col) + " AS " + Sql.ident(col.name()));
        String oldHash = PkHash.of(schema.source(), col -> "c." + schema.oldColumn(col));
        return new KeylessDecomposition(List.of(
                "SELECT c.pk_hash AS __h, 1 AS __m, " + news + from + "'I'",
                "SELECT c.pk_hash AS __h, -1 AS __m, " + olds + from + "'D'",
                "SELECT c.pk_hash AS __h, 1 AS __m, " + news + from + "'U'",
                "SELECT " + oldHash + " AS __h, -1 AS __m, " + olds + from + "'U'"))
                .sql(schema.source().columns());
    }
}
