package dev.pglab.cdc.trigger;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.ChangedCols;
import dev.pglab.cdc.Sql;
import dev.pglab.cdc.SourceColumn;
import dev.pglab.cdc.SourceTable;
import java.util.List;
import java.util.function.Function;

/**
 * The D+I row-level trigger: INSERT → I, DELETE → D, UPDATE → a D-row (OLD, pk_hash(OLD)) followed by an I-row
 * (NEW, pk_hash(NEW)), both carrying the same changed_cols (NULL on keyless tables and genuine I/D rows). The
 * shape of the UPDATE branch is a {@link DiRowShape}.
 */
public record DiRowTrigger(DiRowShape shape) implements CdcTrigger {
    private static final String ORDER_NOTE = """
            -- D-row must be emitted before I-row: the scans take the first row per pk_hash (by change_id) as
            -- the pre-image and the last as the post-image; change_id is a CACHE 1 sequence, so statement order
            -- (and, in one VALUES list, row order) is change_id order.""";

    @Override
    public BufferKind buffer() {
        return BufferKind.DI;
    }

    @Override
    public String id() {
        return "di_row_" + shape.id();
    }

    @Override
    public List<String> install(ChangeBufferSchema schema) {
        SourceTable t = schema.source();
        Function<SourceColumn, String> nw = CdcTrigger.rowRef("NEW");
        Function<SourceColumn, String> old = CdcTrigger.rowRef("OLD");
        String insertInto = BufferRow.insertInto(schema, buffer()) + "VALUES ";
        String bitmask = t.keyed() ? ChangedCols.expression(t, nw, old) : "NULL";
        String insert = insertInto + BufferRow.flat(schema, 'I', "NULL", nw).tuple("__lsn") + ";";
        String delete = insertInto + BufferRow.flat(schema, 'D', "NULL", old).tuple("__lsn") + ";";
        String update = switch (shape) {
            case BITMASK_TWICE -> ORDER_NOTE + "\n"
                    + insertInto + BufferRow.flat(schema, 'D', bitmask, old).tuple("__lsn") + ";\n"
                    + insertInto + BufferRow.flat(schema, 'I', bitmask, nw).tuple("__lsn") + ";";
            case BITMASK_ONCE -> "__cc := " + bitmask + ";\n" + ORDER_NOTE + "\n"
                    + insertInto + BufferRow.flat(schema, 'D', "__cc", old).tuple("__lsn") + ";\n"
                    + insertInto + BufferRow.flat(schema, 'I', "__cc", nw).tuple("__lsn") + ";";
            case VALUES_PAIR -> "__cc := " + bitmask + ";\n" + ORDER_NOTE + "\n"
                    + insertInto + BufferRow.flat(schema, 'D', "__cc", old).tuple("__lsn") + ",\n       "
                    + BufferRow.flat(schema, 'I', "__cc", nw).tuple("__lsn") + ";";
        };
        String body = "IF TG_OP = 'INSERT' THEN\n" + insert.indent(4)
                + "ELSIF TG_OP = 'UPDATE' THEN\n" + update.indent(4)
                + "ELSE\n" + delete.indent(4) + "END IF;";
        List<String> declarations = shape == DiRowShape.BITMASK_TWICE ? List.of() : List.of("__cc varbit");
        TriggerFunction fn = new TriggerFunction(schema.bufferSchema(), CdcTrigger.functionName(schema, id()), declarations, List.of(body));
        return List.of(fn.create(),
                "CREATE TRIGGER " + Sql.ident(triggerNames().getFirst()) + " AFTER INSERT OR UPDATE OR DELETE ON "
                        + t.qualified() + " FOR EACH ROW EXECUTE FUNCTION " + fn.qualifiedName() + "()");
    }
}
