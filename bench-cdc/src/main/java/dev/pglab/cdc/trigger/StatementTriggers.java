package dev.pglab.cdc.trigger;

import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.SourceTable;
import dev.pglab.cdc.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The three statement-level triggers upstream needs, because PostgreSQL forbids transition tables on
 * multi-event triggers: {@code AFTER INSERT REFERENCING NEW TABLE}, {@code AFTER UPDATE REFERENCING NEW TABLE
 * OLD TABLE}, {@code AFTER DELETE REFERENCING OLD TABLE}.
 */
final class StatementTriggers {
    static final String NEW_TABLE = "__pgt_new";
    static final String OLD_TABLE = "__pgt_old";

    private StatementTriggers() {
    }

    static List<String> names(String id) {
        return List.of("pglab_" + id + "_ins", "pglab_" + id + "_upd", "pglab_" + id + "_del");
    }

    /**
     * The UPDATE body. Keyed: the rows pairing old and new on the key (written by the caller from the join
     * condition, ending in ';'), then the key-changing updates: old rows without a new partner as D, new rows
     * without an old one as I. Keyless: D for every old row, I for every new row.
     */
    static String updateBody(SourceTable t, KeyJoin join, Function<String, String> pairedRows, String deletes, String inserts) {
        if (!t.keyed()) {
            return deletes + ";\n" + inserts + ";";
        }
        String on = join.condition(t, "n", "o");
        return pairedRows.apply(on) + "\n"
                + "-- key-changing updates: old rows without a new partner, new rows without an old one\n"
                + deletes + "\nWHERE NOT EXISTS (SELECT 1 FROM " + NEW_TABLE + " n WHERE " + on + ");\n"
                + inserts + "\nWHERE NOT EXISTS (SELECT 1 FROM " + OLD_TABLE + " o WHERE " + on + ");";
    }

    static List<String> install(ChangeBufferSchema schema, String id, String insertBody, String updateBody, String deleteBody) {
        List<String> sql = new ArrayList<>();
        String[] events = {"INSERT", "UPDATE", "DELETE"};
        String[] referencing = {"REFERENCING NEW TABLE AS " + NEW_TABLE,
                "REFERENCING NEW TABLE AS " + NEW_TABLE + " OLD TABLE AS " + OLD_TABLE,
                "REFERENCING OLD TABLE AS " + OLD_TABLE};
        String[] bodies = {insertBody, updateBody, deleteBody};
        List<String> names = names(id);
        for (int i = 0; i < 3; i++) {
            TriggerFunction fn = new TriggerFunction(schema.bufferSchema(),
                    CdcTrigger.functionName(schema, id) + "_" + events[i].substring(0, 3).toLowerCase(java.util.Locale.ROOT),
                    List.of(), List.of(bodies[i]));
            sql.add(fn.create());
            sql.add("CREATE TRIGGER " + Sql.ident(names.get(i)) + " AFTER " + events[i] + " ON " + schema.source().qualified()
                    + " " + referencing[i] + " FOR EACH STATEMENT EXECUTE FUNCTION " + fn.qualifiedName() + "()");
        }
        return sql;
    }
}
