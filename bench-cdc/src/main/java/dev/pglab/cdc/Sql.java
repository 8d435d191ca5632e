package dev.pglab.cdc;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Quoting and list rendering for generated SQL; every name that reaches SQL goes through {@link #ident}. */
public final class Sql {
    private Sql() {
    }

    /** A quoted identifier: always quoted, so source names with capitals, spaces or keywords survive. */
    public static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A quoted string literal. */
    public static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    public static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    /** Renders each item and joins them with {@code ", "}. */
    public static <T> String list(List<T> items, Function<T, String> render) {
        return items.stream().map(render).collect(Collectors.joining(", "));
    }
}
