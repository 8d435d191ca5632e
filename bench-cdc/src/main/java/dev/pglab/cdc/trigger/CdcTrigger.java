package dev.pglab.cdc.trigger;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.CdcException;
import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.Sql;
import dev.pglab.cdc.SourceColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A CDC trigger variant, as generated SQL. Several may be installed on one source at once (each writes into
 * its own buffer kind), so the same DML is captured into WIDE and DI buffers side by side.
 */
public sealed interface CdcTrigger permits WideRowTrigger, DiRowTrigger, WideStatementTrigger, DiStatementTrigger {

    /** The buffer this trigger writes. */
    BufferKind buffer();

    /** A short stable id, e.g. {@code wide_row}, {@code di_row_twice}, {@code di_stmt_eq}. */
    String id();

    /** The functions and triggers, in order. */
    List<String> install(ChangeBufferSchema schema);

    /** Drops the triggers from the source (functions live in the buffer schema and go with it). */
    default List<String> uninstall(ChangeBufferSchema schema) {
        List<String> drops = new ArrayList<>();
        for (String name : triggerNames()) {
            drops.add("DROP TRIGGER IF EXISTS " + Sql.ident(name) + " ON " + schema.source().qualified());
        }
        return drops;
    }

    /** The names of the triggers this variant creates on the source: one row trigger unless it says otherwise. */
    default List<String> triggerNames() {
        return List.of("pglab_" + id());
    }

    /** Every variant the experiment compares. */
    static List<CdcTrigger> all() {
        return List.of(new WideRowTrigger(),
                new DiRowTrigger(DiRowShape.BITMASK_TWICE), new DiRowTrigger(DiRowShape.BITMASK_ONCE),
                new DiRowTrigger(DiRowShape.VALUES_PAIR),
                new WideStatementTrigger(KeyJoin.NOT_DISTINCT), new WideStatementTrigger(KeyJoin.EQUALS),
                new DiStatementTrigger(KeyJoin.NOT_DISTINCT), new DiStatementTrigger(KeyJoin.EQUALS));
    }

    static CdcTrigger byId(String id) {
        return all().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new CdcException("no trigger variant '" + id + "': expected one of "
                        + all().stream().map(CdcTrigger::id).toList()));
    }

    static Function<SourceColumn, String> rowRef(String record) {
        return c -> record + "." + Sql.ident(c.name());
    }

    static String functionName(ChangeBufferSchema schema, String id) {
        return "pglab_" + id + "_" + schema.source().name();
    }
}
