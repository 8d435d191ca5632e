package dev.pglab.cdc.trigger;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.ChangedCols;
import dev.pglab.cdc.PkHash;
import dev.pglab.cdc.Sql;
import dev.pglab.cdc.SourceColumn;
import dev.pglab.cdc.SourceTable;
import java.util.List;
import java.util.function.Function;

/**
 * The wide row-level trigger ({@code AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW}): one row per event,
 * INSERT → I (new_*), UPDATE → U (new_*, old_*, changed_cols, pk_hash of NEW), DELETE → D (old_*).
 * <p>One deliberate difference from upstream: an UPDATE that changes the key is written as D (old key) + I
 * (new key). Upstream writes one U row under pk_hash(NEW), and its 5-CTE scan then loses the old image when
 * the new key has other changes in the window (e.g. DELETE key 2, then UPDATE key 1 to 2: the D-branch takes
 * the first row of group 2, the DELETE, and never emits D for key 1). The differential tests found that.
 */
public record WideRowTrigger() implements CdcTrigger {

    @Override
    public BufferKind buffer() {
        return BufferKind.WIDE;
    }

    @Override
    public String id() {
        return "wide_row";
    }

    @Override
    public List<String> install(ChangeBufferSchema schema) {
        SourceTable t = schema.source();
        Function<SourceColumn, String> nw = CdcTrigger.rowRef("NEW");
        Function<SourceColumn, String> old = CdcTrigger.rowRef("OLD");
        String insertInto = BufferRow.insertInto(schema, buffer()) + "VALUES ";
        String insert = insertInto + BufferRow.wide(schema, 'I', PkHash.of(t, nw), "NULL", nw, null).tuple("__lsn") + ";";
        String delete = insertInto + BufferRow.wide(schema, 'D', PkHash.of(t, old), "NULL", null, old).tuple("__lsn") + ";";
        String changed = t.keyed() ? ChangedCols.expression(t, nw, old) : "NULL"; // never written for keyless tables
        String update = insertInto + BufferRow.wide(schema, 'U', PkHash.of(t, nw), changed, nw, old).tuple("__lsn") + ";";
        String updateBranch = !t.keyed() ? update
                : "IF " + ChangedCols.keyChanged(t, nw, old) + " THEN\n"
                + "    -- the key moved: D under the old key, then I under the new one (see WideRowTrigger)\n"
                + (insertInto
                + BufferRow.wide(schema, 'D', PkHash.of(t, old), "NULL", null, old).tuple("__lsn") + ",\n       "
                + BufferRow.wide(schema, 'I', PkHash.of(t, nw), "NULL", nw, null).tuple("__lsn") + ";").indent(4)
                + "ELSE\n" + update.indent(4) + "END IF;";
        String body = "IF TG_OP = 'INSERT' THEN\n" + insert.indent(4)
                + "ELSIF TG_OP = 'UPDATE' THEN\n" + updateBranch.indent(4)
                + "ELSE\n" + delete.indent(4) + "END IF;";
        TriggerFunction fn = new TriggerFunction(schema.bufferSchema(), CdcTrigger.functionName(schema, id()), List.of(), List.of(body));
        return List.of(fn.create(),
                "CREATE TRIGGER " + Sql.ident(triggerNames().getFirst()) + " AFTER INSERT OR UPDATE OR DELETE ON "
                        + t.qualified() + " FOR EACH ROW EXECUTE FUNCTION " + fn.qualifiedName() + "()");
    }
}
