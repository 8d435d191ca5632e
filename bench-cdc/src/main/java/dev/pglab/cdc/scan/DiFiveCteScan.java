package dev.pglab.cdc.scan;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.ColumnMask;
import dev.pglab.cdc.ScanWindow;
import dev.pglab.cdc.Sql;

/**
 * v0.43's scan of the D+I buffer as shipped: the same 5-CTE pipeline over flat columns with
 * {@code __pk_hash_old = c.pk_hash}. Every plain UPDATE now has two rows per pk_hash, so it takes the window
 * path that the wide model's lone UPDATE skipped.
 */
public record DiFiveCteScan() implements DeltaScan {

    @Override
    public BufferKind buffer() {
        return BufferKind.DI;
    }

    @Override
    public String id() {
        return "di5";
    }

    @Override
    public String sql(ChangeBufferSchema schema, ScanWindow window, ColumnMask mask) {
        String raw = Sql.list(schema.source().columns(), col -> "c." + schema.flatColumn(col));
        String image = Sql.list(schema.source().columns(), col -> "c." + schema.flatColumn(col) + " AS " + Sql.ident(col.name()));
        return new FiveCtePipeline(raw, "c.pk_hash", image, image).sql(schema, schema.table(BufferKind.DI), window, mask);
    }
}
