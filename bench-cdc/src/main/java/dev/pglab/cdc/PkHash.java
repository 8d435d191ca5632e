package dev.pglab.cdc;

import java.util.List;
import java.util.function.Function;

/**
 * The {@code pk_hash} expression. Upstream uses pgrx functions (xxh64 / xxh3-64 with a fixed seed); pglab needs
 * stock PostgreSQL, so it stands in {@code hashtextextended(text, seed)} with the same seed: over the column's
 * text for a one-column key, over the row constructor's text ({@code ROW(a, b)::text}, which tells NULL from
 * the empty string) for composite keys and keyless content hashes. The cost is of the same kind (one text
 * rendering and one 64-bit hash per row); the values differ from upstream's, which no scan depends on.
 */
public final class PkHash {
    /** Upstream's seed, {@code 0x517cc1b727220a95}, as PostgreSQL's signed bigint. */
    public static final long SEED = 0x517cc1b727220a95L;

    private PkHash() {
    }

    /** The hash of a table's key (or of all columns when keyless), each column rendered by {@code ref}. */
    public static String of(SourceTable table, Function<SourceColumn, String> ref) {
        return over(table.hashColumns().stream().map(ref).toList());
    }

    public static String over(List<String> expressions) {
        String text = expressions.size() == 1
                ? "(" + expressions.getFirst() + ")::text"
                : "ROW(" + String.join(", ", expressions) + ")::text";
        return "hashtextextended(" + text + ", " + SEED + ")";
    }
}
