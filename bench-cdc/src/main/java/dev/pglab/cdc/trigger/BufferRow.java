package dev.pglab.cdc.trigger;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.PkHash;
import dev.pglab.cdc.SourceColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One row a trigger writes into a buffer: its action, pk_hash and changed_cols expressions and the data values
 * in the buffer's column order. Renders as a VALUES tuple (row triggers) or a select list (statement triggers).
 */
public record BufferRow(char action, String pkHash, String changedCols, List<String> data) {
    /** Upstream's trace context: the W3C traceparent from a session setting, NULL when unset. */
    static final String TRACE = "NULLIF(current_setting('pglab.trace_id', true), '')";

    public BufferRow {
        data = List.copyOf(data);
    }

    /** The insert's column list: metadata first, then the buffer's data columns. */
    /** {@code INSERT INTO <buffer> (<columns>)} and a newline: the head every trigger's buffer write shares. */
    static String insertInto(ChangeBufferSchema schema, BufferKind kind) {
        return "INSERT INTO " + schema.table(kind) + " (" + columns(schema, kind) + ")\n";
    }

    static String columns(ChangeBufferSchema schema, BufferKind kind) {
        return "lsn, action, pk_hash, changed_cols, __pgt_trace_context, " + String.join(", ", schema.dataColumns(kind));
    }

    String selectList(String lsn) {
        return lsn + ", '" + action + "', " + pkHash + ", " + changedCols + ", " + TRACE + ", " + String.join(", ", data);
    }

    String tuple(String lsn) {
        return "(" + selectList(lsn) + ")";
    }

    /** A WIDE row: {@code new_c, old_c} pairs; a null side renders as NULL. */
    static BufferRow wide(ChangeBufferSchema schema, char action, String pkHash, String changedCols,
                          Function<SourceColumn, String> newRef, Function<SourceColumn, String> oldRef) {
        List<String> values = new ArrayList<>();
        for (SourceColumn c : schema.source().columns()) {
            values.add(newRef == null ? "NULL" : newRef.apply(c));
            values.add(oldRef == null ? "NULL" : oldRef.apply(c));
        }
        return new BufferRow(action, pkHash, changedCols, values);
    }

    /** A DI row: the flat image of one side. */
    static BufferRow flat(ChangeBufferSchema schema, char action, String changedCols, Function<SourceColumn, String> ref) {
        return new BufferRow(action, PkHash.of(schema.source(), ref), changedCols,
                schema.source().columns().stream().map(ref).toList());
    }
}
