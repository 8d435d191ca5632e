package dev.pglab.cdc.scan;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.ColumnMask;
import dev.pglab.cdc.PkHash;
import dev.pglab.cdc.ScanWindow;
import dev.pglab.cdc.Sql;
import dev.pglab.cdc.SourceColumn;
import java.util.ArrayList;
import java.util.List;

/** v0.42's scan of the wide buffer: the 5-CTE pipeline, D-images from old_*, I-images from new_*. */
public record WideFiveCteScan() implements DeltaScan {

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
        List<String> raw = new ArrayList<>();
        for (SourceColumn col : schema.source().columns()) {
            raw.add("c." + schema.newColumn(col));
            raw.add("c." + schema.oldColumn(col));
        }
        // upstream recomputes the old-side hash from old_* for the D-branch's row id
        String oldHash = PkHash.of(schema.source(), col -> "c." + schema.oldColumn(col));
        String del = Sql.list(schema.source().columns(), col -> "c." + schema.oldColumn(col) + " AS " + Sql.ident(col.name()));
        String ins = Sql.list(schema.source().columns(), col -> "c." + schema.newColumn(col) + " AS " + Sql.ident(col.name()));
        return new FiveCtePipeline(String.join(", ", raw), oldHash, del, ins)
                .sql(schema, schema.table(BufferKind.WIDE), window, mask);
    }
}
