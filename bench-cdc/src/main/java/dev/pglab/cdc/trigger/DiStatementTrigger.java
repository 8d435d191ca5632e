package dev.pglab.cdc.trigger;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.ChangedCols;
import dev.pglab.cdc.SourceColumn;
import dev.pglab.cdc.SourceTable;
import java.util.List;
import java.util.function.Function;

/**
 * The D+I statement-level triggers as shipped in v0.43: UPDATE on a keyed table is one {@code INSERT ... SELECT
 * 'D' ... UNION ALL SELECT 'I' ...} over the same key join (one executor pass; the Append runs its first branch
 * to the end before the second, so every D-row of the statement gets a smaller change_id than every I-row),
 * plus the two NOT EXISTS statements for key-changing updates. Keyless tables are unchanged from wide.
 */
public record DiStatementTrigger(KeyJoin join) implements CdcTrigger {

    @Override
    public BufferKind buffer() {
        return BufferKind.DI;
    }

    @Override
    public String id() {
        return "di_stmt_" + join.id();
    }

    @Override
    public List<String> triggerNames() {
        return StatementTriggers.names(id());
    }

    @Override
    public List<String> install(ChangeBufferSchema schema) {
        SourceTable t = schema.source();
        Function<SourceColumn, String> n = CdcTrigger.rowRef("n");
        Function<SourceColumn, String> o = CdcTrigger.rowRef("o");
        String into = BufferRow.insertInto(schema, buffer());
        String inserts = into + "SELECT " + BufferRow.flat(schema, 'I', "NULL", n).selectList("__lsn")
                + "\nFROM " + StatementTriggers.NEW_TABLE + " n";
        String deletes = into + "SELECT " + BufferRow.flat(schema, 'D', "NULL", o).selectList("__lsn")
                + "\nFROM " + StatementTriggers.OLD_TABLE + " o";
        String update = StatementTriggers.updateBody(t, join, on -> {
            String bitmask = ChangedCols.expression(t, n, o);
            String pairs = "\nFROM " + StatementTriggers.NEW_TABLE + " n JOIN " + StatementTriggers.OLD_TABLE + " o ON " + on;
            return "-- D-row must be emitted before I-row: the D branch of the UNION ALL runs first\n"
                    + into + "SELECT " + BufferRow.flat(schema, 'D', bitmask, o).selectList("__lsn") + pairs
                    + "\nUNION ALL\nSELECT " + BufferRow.flat(schema, 'I', bitmask, n).selectList("__lsn") + pairs + ";";
        }, deletes, inserts);
        return StatementTriggers.install(schema, id(), inserts + ";", update, deletes + ";");
    }
}
