package dev.pglab.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.cdc.scan.ScanVariant;
import dev.pglab.cdc.trigger.CdcTrigger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Differential properties against a real PostgreSQL: random DML through a pair of triggers (one WIDE, one DI,
 * row- or statement-level) into both buffers; every scan's delta must equal the true net change (the multiset
 * difference of the source before and after), with and without compaction, with and without a column mask.
 */
class ChangeBufferDifferentialIT {

    /** Which triggers capture a scenario: one per buffer kind. */
    enum Capture {
        ROW_TWICE("wide_row", "di_row_twice"),
        ROW_ONCE("wide_row", "di_row_once"),
        ROW_VALUES("wide_row", "di_row_values"),
        STATEMENT_EQ("wide_stmt_eq", "di_stmt_eq"),
        STATEMENT_INDF("wide_stmt_indf", "di_stmt_indf");

        final List<CdcTrigger> triggers;

        Capture(String wide, String di) {
            this.triggers = List.of(CdcTrigger.byId(wide), CdcTrigger.byId(di));
        }
    }

    /** A generated scenario; toString shows it as SQL so a shrunk counterexample can be replayed in psql. */
    record Scenario(boolean keyed, List<String> initial, List<String> dml, Capture capture, List<String> maskColumns) {
        @Override
        public String toString() {
            return (keyed ? "keyed" : "keyless") + " via " + capture + ", mask " + maskColumns + "\n  -- initial\n  "
                    + String.join(";\n  ", initial) + ";\n  -- captured\n  " + String.join(";\n  ", dml) + ";";
        }
    }

    @BeforeContainer
    static void startServer() {
        SharedPg.start();
    }

    @Property(tries = 40, shrinking = ShrinkingMode.BOUNDED)
    void keyedDeltasEqualTheNetChange(@ForAll("keyedScenarios") Scenario scenario) throws SQLException {
        check(scenario);
    }

    @Property(tries = 30, shrinking = ShrinkingMode.BOUNDED)
    void keylessDeltasEqualTheNetChange(@ForAll("keylessScenarios") Scenario scenario) throws SQLException {
        check(scenario);
    }

    private void check(Scenario s) throws SQLException {
        String schema = "cdc_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = SharedPg.connect()) {
            Jdbc.run(c, "CREATE SCHEMA " + Sql.ident(schema), "SET search_path = " + Sql.ident(schema));
            Jdbc.run(c, s.keyed()
                    ? "CREATE TABLE src (id int PRIMARY KEY, a int, b text, c numeric(8,2))"
                    : "CREATE TABLE src (a int, b text, c int)");
            Jdbc.run(c, s.initial());
            Jdbc.run(c, "CREATE TABLE before AS SELECT * FROM src");
            SourceTable source = SourceTable.read(c, schema, "src");
            ChangeCapture capture = ChangeCapture.install(c, source, schema, s.capture().triggers);
            int applied = 0;
            try (Statement st = c.createStatement()) {
                for (String dml : s.dml()) {
                    try {
                        st.execute(dml);
                        applied++;
                    } catch (SQLException e) {
                        // a key collision aborts that statement (and its trigger writes): part of the scenario
                        assertThat(e.getSQLState()).as(dml).isEqualTo("23505");
                    }
                }
            }
            ScanWindow window = ScanWindow.everything();
            List<ColumnMask> masks = List.of(ColumnMask.all(), ColumnMask.of(source, s.maskColumns()));
            for (boolean compacted : List.of(false, true)) {
                if (compacted) {
                    capture.compact(c, window);
                }
                for (ColumnMask mask : masks) {
                    for (ScanVariant v : ScanVariant.values()) {
                        String delta = capture.scanSql(v, window, mask);
                        String what = v.id() + (compacted ? " after compaction" : "") + " with mask " + mask.columns()
                                + " (" + applied + " statements applied)";
                        assertThat(Jdbc.queryLong(c, NetChange.mismatchCount(delta, "before", "src", mask.projected(source))))
                                .as("rows by which %s differs from the net change", what).isZero();
                        if (s.keyed()) {
                            assertThat(Jdbc.queryLong(c, NetChange.duplicateKeys(delta)))
                                    .as("keys with two D or two I rows in %s", what).isZero();
                        }
                    }
                }
            }
        } finally {
            try (Connection c = SharedPg.connect()) {
                Jdbc.run(c, "DROP SCHEMA IF EXISTS " + Sql.ident(schema) + " CASCADE");
            }
        }
    }

    @Provide
    Arbitrary<Scenario> keyedScenarios() {
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
                val.map(a -> "DELETE FROM src WHERE a > " + a)));
        Arbitrary<List<String>> mask = Arbitraries.subsetOf("a", "b", "c").map(ArrayList::new);
        return Combinators.combine(initialRow.list().ofMaxSize(6), dml.list().ofMinSize(1).ofMaxSize(14),
                Arbitraries.of(Capture.class), mask).as((init, ops, cap, m) -> new Scenario(true, init, ops, cap, m));
    }

    @Provide
    Arbitrary<Scenario> keylessScenarios() {
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
        Arbitrary<Capture> capture = Arbitraries.of(Capture.ROW_TWICE, Capture.ROW_ONCE, Capture.ROW_VALUES, Capture.STATEMENT_EQ);
        Arbitrary<List<String>> mask = Arbitraries.subsetOf("a", "b", "c").map(ArrayList::new);
        return Combinators.combine(row.list().ofMaxSize(6), dml.list().ofMinSize(1).ofMaxSize(12), capture, mask)
                .as((init, ops, cap, m) -> new Scenario(false, init, ops, cap, m));
    }
}
