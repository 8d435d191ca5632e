package dev.pglab.wal;

import java.util.List;

/** The column values of one row as the server sent them, in the relation's column order. */
public record Tuple(List<Value> values) {
    public Tuple {
        values = List.copyOf(values);
    }

    public int size() {
        return values.size();
    }

    public Value get(int column) {
        return values.get(column);
    }

    /** The column as text: the text value, null for NULL; fails for unchanged TOAST and binary values. */
    public String text(int column) {
        return switch (values.get(column)) {
            case Value.Text t -> t.text();
            case Value.Null n -> null;
            case Value.UnchangedToast u -> throw new IllegalStateException("column " + column + " is unchanged TOAST: the server did not send it");
            case Value.Binary b -> throw new IllegalStateException("column " + column + " is binary: use RecordDecoder.textRenderer(settings).text(...) for its text, or PgTypes.decode");
        };
    }

    /** The column converted to a Java value by its type OID (see {@link PgTypes#decode(int, Value)}). */
    public Object value(PgOutputMessage.Relation relation, int column) {
        return PgTypes.decode(relation.columns().get(column).typeOid(), values.get(column));
    }
}
