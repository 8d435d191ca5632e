package dev.pglab.cdc;

import dev.pglab.cdc.trigger.CdcTrigger;
import dev.pglab.fixtures.schema.SourceTables;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random DML scenarios for the differential properties: inserts, updates (of values, no-op, of the key, of
 * several rows at once, repeated on one row), deletes, re-inserts, on a keyed {@code src(id int PK, a int, b
 * text, c numeric(8,2))} or a keyless {@code src(a int, b text, c int)}.
 */
final class DmlScenarios {
    static final String KEYED_TABLE = SourceTables.KEYED.create();
    static final String KEYLESS_TABLE = SourceTables.KEYLESS.create();
    /** A two-column key (k2 last, so the generators' four-value INSERTs fill id, a, b, c and k2 takes its default). */
    static final String COMPOSITE_TABLE = SourceTables.COMPOSITE.create();

    private DmlScenarios() {
    }

    /** Which triggers capture a scenario: one per buffer kind; WAL = the D+I buffer fed from the pgoutput stream. */
    enum Capture {
        ROW_TWICE("wide_row", "di_row_twice"),
        ROW_ONCE("wide_row", "di_row_once"),
        ROW_VALUES("wide_row", "di_row_values"),
        STATEMENT_EQ("wide_stmt_eq", "di_stmt_eq"),
        STATEMENT_INDF("wide_stmt_indf", "di_stmt_indf"),
        WAL(null, null);

        final List<CdcTrigger> triggers;

        Capture(String wide, String di) {
            this.triggers = wide == null ? List.of() : List.of(CdcTrigger.byId(wide), CdcTrigger.byId(di));
        }
    }

    /** A generated scenario; toString shows it as SQL so a shrunk counterexample can be replayed in psql. */
    record Scenario(String table, List<String> initial, List<String> dml, Capture capture, List<String> maskColumns) {
        boolean keyed() {
            return !table.equals(KEYLESS_TABLE);
        }

        @Override
        public String toString() {
            return table + " via " + capture + ", mask " + maskColumns + "\n  -- initial\n  "
                    + String.join(";\n  ", initial) + ";\n  -- captured\n  " + String.join(";\n  ", dml) + ";";
        }
    }

    static Arbitrary<Scenario> keyed(Arbitrary<Capture> captures) {
        return keyed(captures, KEYED_TABLE);
    }

    /** On the composite-key table, plus updates that move a row to another k2. */
    static Arbitrary<Scenario> composite(Arbitrary<Capture> captures) {
        return keyed(captures, COMPOSITE_TABLE);
    }

    private static Arbitrary<Scenario> keyed(Arbitrary<Capture> captures, String table) {
        Arbitrary<Integer> id = Arbitraries.integers().between(1, 8);
        Arbitrary<Integer> val = Arbitraries.integers().between(0, 5);
        Arbitrary<String> text = Arbitraries.of("x", "y", "", "z z");
        Arbitrary<String> initialRow = Combinators.combine(id, val, text)
                .as((k, a, b) -> "INSERT INTO src VALUES (" + k + ", " + a + ", " + Sql.literal(b) + ", " + a + ".5) ON CONFLICT DO NOTHING");
        Arbitrary<String> dml = Arbitraries.oneOf(List.of(
                initialRow,
                Combinators.combine(id, val).as((k, a) -> "UPDATE src SET a = " + a + " WHERE id = " + k),
                Combinators.combine(id, text).as((k, b) -> "UPDATE src SET b = " + Sql.literal(b) + " WHERE id = " + k),
                Combinators.combine(id, val).as((k, a) -> "UPDATE src SET c = c + " + a + " WHERE id = " + k),
                id.map(k -> "UPDATE src SET a = a WHERE id = " + k),
                Combinators.combine(id, id).as((k, n) -> "UPDATE src SET id = " + n + " WHERE id = " + k),
                Combinators.combine(id, val).as((k, a) -> "UPDATE src SET id = " + (k + 10) + ", a = " + a + " WHERE id = " + k),
                Arbitraries.integers().between(0, 2).map(r -> "UPDATE src SET id = id + 100 WHERE id % 3 = " + r),
                Arbitraries.integers().between(0, 2).map(r -> "UPDATE src SET a = a + 1 WHERE id % 3 = " + r),
                id.map(k -> "DELETE FROM src WHERE id = " + k),
                val.map(a -> "DELETE FROM src WHERE a > " + a),
                table.equals(COMPOSITE_TABLE)
                        ? id.map(k -> "UPDATE src SET k2 = 3 - k2 WHERE id = " + k)
                        : id.map(k -> "DELETE FROM src WHERE id = " + k)));
        Arbitrary<List<String>> mask = Arbitraries.subsetOf("a", "b", "c").map(ArrayList::new);
        return Combinators.combine(initialRow.list().ofMaxSize(6), dml.list().ofMinSize(1).ofMaxSize(14), captures, mask)
                .as((init, ops, cap, m) -> new Scenario(table, init, ops, cap, m));
    }

    static Arbitrary<Scenario> keyless(Arbitrary<Capture> captures) {
        Arbitrary<Integer> val = Arbitraries.integers().between(0, 3);
        Arbitrary<String> text = Arbitraries.of("x", "y", "");
        Arbitrary<String> row = Combinators.combine(val, text, val)
                .as((a, b, c) -> "INSERT INTO src VALUES (" + a + ", " + Sql.literal(b) + ", " + c + ")");
        Arbitrary<String> dml = Arbitraries.oneOf(List.of(
                row,
                Combinators.combine(val, val).as((a, c) -> "UPDATE src SET c = " + c + " WHERE a = " + a),
                Combinators.combine(val, text).as((a, b) -> "UPDATE src SET b = " + Sql.literal(b) + " WHERE a = " + a),
                val.map(a -> "UPDATE src SET b = b WHERE a = " + a),
                val.map(a -> "DELETE FROM src WHERE a = " + a),
                val.map(a -> "DELETE FROM src WHERE ctid = (SELECT ctid FROM src WHERE a = " + a + " LIMIT 1)")));
        Arbitrary<List<String>> mask = Arbitraries.subsetOf("a", "b", "c").map(ArrayList::new);
        return Combinators.combine(row.list().ofMaxSize(6), dml.list().ofMinSize(1).ofMaxSize(12), captures, mask)
                .as((init, ops, cap, m) -> new Scenario(KEYLESS_TABLE, init, ops, cap, m));
    }
}
