package dev.pglab.cdc.trigger;

import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.Sql;
import java.util.ArrayList;
import java.util.List;

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
