package dev.pglab.cdc.trigger;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.ChangedCols;
import dev.pglab.cdc.PkHash;
import dev.pglab.cdc.SourceColumn;
import dev.pglab.cdc.SourceTable;
import java.util.List;
import java.util.function.Function;

/**
 * The wide statement-level triggers (upstream's default CDC mode). UPDATE on a keyed table: U rows from new
 * joined to old on the key, D rows for old rows without a new partner, I rows for new rows without an old
 * partner (the last two cover key-changing updates). Keyless: D for every old row, I for every new row.
 */
public record WideStatementTrigger(KeyJoin join) implements CdcTrigger {

    @Override
    public BufferKind buffer() {
        return BufferKind.WIDE;
    }

    @Override
    public String id() {
        return "wide_stmt_" + join.id();
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
        String inserts = into + "SELECT " + BufferRow.wide(schema, 'I', PkHash.of(t, n), "NULL", n, null).selectList("__lsn")
                + "\nFROM " + StatementTriggers.NEW_TABLE + " n";
        String deletes = into + "SELECT " + BufferRow.wide(schema, 'D', PkHash.of(t, o), "NULL", null, o).selectList("__lsn")
                + "\nFROM " + StatementTriggers.OLD_TABLE + " o";
        String update = StatementTriggers.updateBody(t, join, on -> into + "SELECT "
                + BufferRow.wide(schema, 'U', PkHash.of(t, n), ChangedCols.expression(t, n, o), n, o).selectList("__lsn")
                + "\nFROM " + StatementTriggers.NEW_TABLE + " n JOIN " + StatementTriggers.OLD_TABLE + " o ON " + on + ";",
                deletes, inserts);
        return StatementTriggers.install(schema, id(), inserts + ";", update, deletes + ";");
    }
}
