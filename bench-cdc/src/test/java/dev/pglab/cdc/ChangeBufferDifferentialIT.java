package dev.pglab.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.cdc.DmlScenarios.Capture;
import dev.pglab.cdc.DmlScenarios.Scenario;
import dev.pglab.cdc.scan.ScanVariant;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
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
            Jdbc.run(c, s.table());
            Jdbc.run(c, s.initial());
            Jdbc.run(c, "CREATE TABLE before AS SELECT * FROM src");
            SourceTable source = SourceTable.read(c, schema, "src");
            ChangeCapture capture = ChangeCapture.install(c, source, schema, s.capture().triggers);
            boolean viaWal = s.capture() == Capture.WAL;
            WalFeed feed = viaWal ? WalFeed.start(c, schema, "FULL") : null;
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
            if (viaWal) {
                feed.drainInto(c, capture.schema());
            }
            ScanWindow window = ScanWindow.everything();
            List<ColumnMask> masks = List.of(ColumnMask.all(), ColumnMask.of(source, s.maskColumns()));
            for (boolean compacted : List.of(false, true)) {
                if (compacted) {
                    capture.compact(c, window);
                }
                for (ColumnMask mask : masks) {
                    for (ScanVariant v : ScanVariant.values()) {
                        if (viaWal && v.buffer() == BufferKind.WIDE) {
                            continue; // the WAL writer feeds the D+I buffer only
                        }
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
                WalFeed.dropIfAny(c, schema);
                Jdbc.run(c, "DROP SCHEMA IF EXISTS " + Sql.ident(schema) + " CASCADE");
            }
        }
    }

    @Property(tries = 20, shrinking = ShrinkingMode.BOUNDED)
    void compositeKeyDeltasEqualTheNetChange(@ForAll("compositeScenarios") Scenario scenario) throws SQLException {
        check(scenario);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    void walFedKeyedDeltasEqualTheNetChange(@ForAll("walKeyedScenarios") Scenario scenario) throws SQLException {
        check(scenario);
    }

    @Property(tries = 10, shrinking = ShrinkingMode.BOUNDED)
    void walFedKeylessDeltasEqualTheNetChange(@ForAll("walKeylessScenarios") Scenario scenario) throws SQLException {
        check(scenario);
    }

    @Provide
    Arbitrary<Scenario> keyedScenarios() {
        return DmlScenarios.keyed(Arbitraries.of(Capture.ROW_TWICE, Capture.ROW_ONCE, Capture.ROW_VALUES,
                Capture.STATEMENT_EQ, Capture.STATEMENT_INDF));
    }

    @Provide
    Arbitrary<Scenario> compositeScenarios() {
        return DmlScenarios.composite(Arbitraries.of(Capture.ROW_TWICE, Capture.ROW_VALUES, Capture.STATEMENT_EQ,
                Capture.STATEMENT_INDF, Capture.WAL));
    }

    @Provide
    Arbitrary<Scenario> walKeyedScenarios() {
        return DmlScenarios.keyed(Arbitraries.just(Capture.WAL));
    }

    @Provide
    Arbitrary<Scenario> walKeylessScenarios() {
        return DmlScenarios.keyless(Arbitraries.just(Capture.WAL));
    }

    @Provide
    Arbitrary<Scenario> keylessScenarios() {
        return DmlScenarios.keyless(Arbitraries.of(Capture.ROW_TWICE, Capture.ROW_ONCE, Capture.ROW_VALUES, Capture.STATEMENT_EQ));
    }
}
