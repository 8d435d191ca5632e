package dev.pglab.cdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The change buffers of one source table, as pg_trickle lays them out, in a schema of pglab's choosing.
 * <ul>
 *   <li>WIDE ({@code changes_<table>}): {@code change_id bigserial, lsn pg_lsn, action char(1) I/U/D, pk_hash
 *       bigint, changed_cols varbit}, then {@code new_<col>, old_<col>} for every column in attnum order, then
 *       {@code __pgt_trace_context text}.</li>
 *   <li>DI ({@code di_changes_<table>}): the same metadata, action I/D only, flat {@code <col>} (a source column
 *       named like a metadata column is stored as {@code __usr_<col>}).</li>
 * </ul>
 * Both carry upstream's one index, {@code (lsn, pk_hash, change_id) INCLUDE (action)}. Buffers are logged
 * tables (upstream's default {@code unlogged_buffers = false}); the sequence has CACHE 1, which upstream
 * documents as a correctness invariant (change_id order follows row-lock order).
 */
public record ChangeBufferSchema(SourceTable source, String bufferSchema) {
    private static final Set<String> METADATA = Set.of("change_id", "lsn", "action", "pk_hash", "changed_cols",
            "__pgt_trace_context");

    public ChangeBufferSchema {
        for (SourceColumn c : source.columns()) {
            if (("new_" + c.name()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63
                    || ("__usr_" + c.name()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
                throw new CdcException("column " + c.name() + " of " + source.schema() + "." + source.name()
                        + " is too long for a buffer column name (new_/old_/__usr_ prefix + name must fit 63 bytes)");
            }
        }
    }

    public static ChangeBufferSchema of(SourceTable source, String bufferSchema) {
        return new ChangeBufferSchema(source, bufferSchema);
    }

    public String tableName(BufferKind kind) {
        return switch (kind) {
            case WIDE -> "changes_" + source.name();
            case DI -> "di_changes_" + source.name();
        };
    }

    /** The quoted, schema-qualified buffer table. */
    public String table(BufferKind kind) {
        return Sql.qualified(bufferSchema, tableName(kind));
    }

    public String newColumn(SourceColumn c) {
        return Sql.ident("new_" + c.name());
    }

    public String oldColumn(SourceColumn c) {
        return Sql.ident("old_" + c.name());
    }

    /** A DI buffer's column for a source column: the same name, unless it collides with a metadata column. */
    public String flatColumn(SourceColumn c) {
        return Sql.ident(METADATA.contains(c.name()) ? "__usr_" + c.name() : c.name());
    }

    /** The data columns of a buffer, in order (after the metadata columns). */
    public List<String> dataColumns(BufferKind kind) {
        List<String> cols = new ArrayList<>();
        for (SourceColumn c : source.columns()) {
            switch (kind) {
                case WIDE -> {
                    cols.add(newColumn(c));
                    cols.add(oldColumn(c));
                }
                case DI -> cols.add(flatColumn(c));
            }
        }
        return cols;
    }

    /** The statements creating the buffer table and its index (the buffer schema must exist). */
    public List<String> ddl(BufferKind kind) {
        StringBuilder create = new StringBuilder("CREATE TABLE ").append(table(kind)).append(" (\n")
                .append("    change_id bigserial,\n")
                .append("    lsn pg_lsn NOT NULL,\n")
                .append("    action char(1) NOT NULL,\n")
                .append("    pk_hash bigint,\n")
                .append("    changed_cols varbit");
        for (SourceColumn c : source.columns()) {
            switch (kind) {
                case WIDE -> create.append(",\n    ").append(newColumn(c)).append(' ').append(c.type())
                        .append(",\n    ").append(oldColumn(c)).append(' ').append(c.type());
                case DI -> create.append(",\n    ").append(flatColumn(c)).append(' ').append(c.type());
            }
        }
        // no CHECK on action: upstream has none, and it would cost every insert
        create.append(",\n    __pgt_trace_context text\n)");
        String index = "CREATE INDEX " + Sql.ident("idx_" + tableName(kind) + "_lsn_pk_cid") + " ON " + table(kind)
                + " (lsn, pk_hash, change_id) INCLUDE (action)";
        String rls = "ALTER TABLE " + table(kind) + " DISABLE ROW LEVEL SECURITY";
        return List.of(create.toString(), index, rls);
    }

    /** The statements creating both buffers. */
    public List<String> ddl() {
        List<String> all = new ArrayList<>(ddl(BufferKind.WIDE));
        all.addAll(ddl(BufferKind.DI));
        return all;
    }
}
