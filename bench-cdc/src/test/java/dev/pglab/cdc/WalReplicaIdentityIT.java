package dev.pglab.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pglab.cdc.scan.ScanVariant;
import dev.pglab.cdc.wal.WalDiWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * What REPLICA IDENTITY does to a WAL-fed D+I buffer, shown on a real stream: FULL gives complete D-rows;
 * DEFAULT leaves their non-key columns NULL, so a delta is right only for a consumer that reads the key.
 */
class WalReplicaIdentityIT {
    static final List<String> DML = List.of(
            "INSERT INTO src VALUES (1, 10, 'a', 1.5), (2, 20, 'b', 2.5), (3, 30, 'c', 3.5)");
    static final List<String> CAPTURED = List.of(
            "UPDATE src SET a = 11 WHERE id = 1",
            "UPDATE src SET a = 12, b = 'bb' WHERE id = 1",
            "UPDATE src SET id = 7 WHERE id = 2",
            "DELETE FROM src WHERE id = 3",
            "INSERT INTO src VALUES (4, 40, 'd', 4.5)");

    @BeforeContainer
    static void startServer() {
        SharedPg.start();
    }

    @Example
    void fullIdentityGivesCompletePreImages() throws SQLException {
        Outcome o = run("FULL");
        assertThat(o.writer.partialPreImages()).isZero();
        assertThat(o.fullMismatch).isZero();
        assertThat(o.keyMismatch).isZero();
    }

    @Example
    void defaultIdentityLeavesPreImageValuesNullSoOnlyKeyConsumersAreRight() throws SQLException {
        Outcome o = run("DEFAULT");
        // two plain updates and one key change carry no (or only a key) old row; the delete carries the key
        assertThat(o.writer.partialPreImages()).isEqualTo(4);
        assertThat(o.keyMismatch).as("delta projected on the key").isZero();
        assertThat(o.fullMismatch).as("delta with values: D-rows have NULL a, b, c").isPositive();
    }

    @Example
    void nothingIdentityIsRefused() throws SQLException {
        String schema = "cdc_ri_nothing";
        try (Connection c = SharedPg.connect()) {
            Jdbc.run(c, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema, "SET search_path = " + schema,
                    DmlScenarios.KEYED_TABLE);
            ChangeCapture capture = ChangeCapture.install(c, SourceTable.read(c, schema, "src"), schema, List.of());
            WalFeed feed = WalFeed.start(c, schema, "NOTHING");
            Jdbc.run(c, "INSERT INTO src VALUES (1, 1, 'x', 1)");
            assertThatThrownBy(() -> feed.drainInto(c, capture.schema())).isInstanceOf(CdcException.class)
                    .hasMessageContaining("REPLICA IDENTITY NOTHING");
        } finally {
            try (Connection c = SharedPg.connect()) {
                WalFeed.dropIfAny(c, schema);
                Jdbc.run(c, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    record Outcome(WalDiWriter writer, long fullMismatch, long keyMismatch) {
    }

    private Outcome run(String identity) throws SQLException {
        String schema = "cdc_ri_" + identity.toLowerCase(java.util.Locale.ROOT);
        try (Connection c = SharedPg.connect()) {
            Jdbc.run(c, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema, "SET search_path = " + schema,
                    DmlScenarios.KEYED_TABLE);
            Jdbc.run(c, DML);
            Jdbc.run(c, "CREATE TABLE before AS SELECT * FROM src");
            SourceTable source = SourceTable.read(c, schema, "src");
            ChangeCapture capture = ChangeCapture.install(c, source, schema, List.of());
            WalFeed feed = WalFeed.start(c, schema, identity);
            Jdbc.run(c, CAPTURED);
            WalDiWriter writer = feed.drainInto(c, capture.schema());
            String delta = capture.scanSql(ScanVariant.DI_SINGLE_PASS, ScanWindow.everything(), ColumnMask.all());
            long full = Jdbc.queryLong(c, NetChange.mismatchCount(delta, "before", "src", source.columns()));
            long key = Jdbc.queryLong(c, NetChange.mismatchCount(delta, "before", "src", source.keyColumnList()));
            return new Outcome(writer, full, key);
        } finally {
            try (Connection c = SharedPg.connect()) {
                WalFeed.dropIfAny(c, schema);
                Jdbc.run(c, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
