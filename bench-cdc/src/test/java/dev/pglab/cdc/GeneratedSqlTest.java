package dev.pglab.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pglab.cdc.experiment.ChangeEstimate;
import dev.pglab.cdc.experiment.Criterion;
import dev.pglab.cdc.experiment.Verdict;
import dev.pglab.cdc.scan.ScanVariant;
import dev.pglab.cdc.trigger.CdcTrigger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes of the generated SQL that the experiment depends on; behaviour is checked against a server in the ITs. */
class GeneratedSqlTest {
    static final SourceTable KEYED = new SourceTable("s", "orders", List.of(
            new SourceColumn("id", "bigint", true, true),
            new SourceColumn("lsn", "text", false, true),
            new SourceColumn("doc", "json", false, false)), List.of("id"));
    static final SourceTable KEYLESS = new SourceTable("s", "log", List.of(
            new SourceColumn("a", "int4", false, true), new SourceColumn("b", "text", false, true)), List.of());

    @Test
    void wideBufferPairsEveryColumnAndDiBufferRenamesMetadataCollisions() {
        ChangeBufferSchema schema = ChangeBufferSchema.of(KEYED, "cb");
        String wide = schema.ddl(BufferKind.WIDE).getFirst();
        assertThat(wide).contains("\"new_id\" bigint", "\"old_id\" bigint", "\"new_lsn\" text", "changed_cols varbit",
                "change_id bigserial", "__pgt_trace_context text");
        String di = schema.ddl(BufferKind.DI).getFirst();
        assertThat(di).contains("\"id\" bigint", "\"__usr_lsn\" text", "\"doc\" json").doesNotContain("new_");
        assertThat(schema.ddl(BufferKind.DI).get(1)).contains("(lsn, pk_hash, change_id) INCLUDE (action)");
    }

    @Test
    void upstreamShapeEvaluatesTheBitmaskTwiceTheOthersOnce() {
        ChangeBufferSchema schema = ChangeBufferSchema.of(KEYED, "cb");
        String twice = CdcTrigger.byId("di_row_twice").install(schema).getFirst();
        String once = CdcTrigger.byId("di_row_once").install(schema).getFirst();
        String values = CdcTrigger.byId("di_row_values").install(schema).getFirst();
        assertThat(count(twice, "IS DISTINCT FROM")).isEqualTo(2 * 3);
        assertThat(count(once, "IS DISTINCT FROM")).isEqualTo(3);
        assertThat(count(values, "IS DISTINCT FROM")).isEqualTo(3);
        assertThat(count(once, "INSERT INTO")).isEqualTo(4);   // I, D, and the two halves
        assertThat(count(values, "INSERT INTO")).isEqualTo(3); // I, D, and one 2-row VALUES
        for (String body : List.of(twice, once, values)) {
            assertThat(body).contains("-- D-row must be emitted before I-row", "SECURITY DEFINER", "pg_current_wal_insert_lsn()",
                    "pg_notify(", "(NEW.\"doc\")::text IS DISTINCT FROM (OLD.\"doc\")::text");
            assertThat(body.indexOf("'D', hashtextextended((OLD.\"id\")::text"))
                    .isLessThan(body.indexOf("'I', hashtextextended((NEW.\"id\")::text", body.indexOf("ELSIF")));
        }
    }

    @Test
    void statementTriggersUseTheChosenKeyJoinAndCoverKeyChanges() {
        ChangeBufferSchema schema = ChangeBufferSchema.of(KEYED, "cb");
        String indf = String.join("\n", CdcTrigger.byId("di_stmt_indf").install(schema));
        String eq = String.join("\n", CdcTrigger.byId("wide_stmt_eq").install(schema));
        assertThat(indf).contains("n.\"id\" IS NOT DISTINCT FROM o.\"id\"", "UNION ALL", "WHERE NOT EXISTS");
        assertThat(eq).contains("n.\"id\" = o.\"id\"", "REFERENCING NEW TABLE AS __pgt_new OLD TABLE AS __pgt_old")
                .doesNotContain("IS NOT DISTINCT FROM");
    }

    @Test
    void keylessTablesHashAllColumnsAndNeverWriteTheBitmask() {
        ChangeBufferSchema schema = ChangeBufferSchema.of(KEYLESS, "cb");
        String wide = CdcTrigger.byId("wide_row").install(schema).getFirst();
        assertThat(wide).contains("hashtextextended(ROW(NEW.\"a\", NEW.\"b\")::text").doesNotContain("IS DISTINCT FROM");
        assertThat(ScanVariant.DI_SINGLE_PASS.forTable(KEYLESS).sql(schema, ScanWindow.everything(), ColumnMask.all()))
                .contains("generate_series").doesNotContain("row_number");
    }

    @Test
    void singlePassScanReadsTheBufferOnceAndFiveCteTwice() {
        ChangeBufferSchema schema = ChangeBufferSchema.of(KEYED, "cb");
        String di1 = ScanVariant.DI_SINGLE_PASS.forTable(KEYED).sql(schema, ScanWindow.everything(), ColumnMask.all());
        String di5 = ScanVariant.DI_5CTE.forTable(KEYED).sql(schema, ScanWindow.everything(), ColumnMask.all());
        assertThat(count(di1, "\"cb\".\"di_changes_orders\"")).isEqualTo(1);
        assertThat(count(di5, "\"cb\".\"di_changes_orders\"")).isEqualTo(3);
        assertThat(di1).doesNotContain("UNION ALL");
    }

    @Test
    void maskAlwaysKeepsKeyColumnsAndRendersUpstreamsGuardedFilter() {
        ColumnMask mask = ColumnMask.of(KEYED, List.of("doc"));
        assertThat(mask.columns()).containsExactlyInAnyOrder("id", "doc");
        assertThat(mask.predicate(KEYED, "c")).isEqualTo("(c.changed_cols IS NULL OR CASE WHEN bit_length(c.changed_cols) = 3"
                + " THEN (c.changed_cols & B'101') <> B'000' ELSE TRUE END)");
        assertThat(ColumnMask.all().predicate(KEYED, "c")).isEqualTo("TRUE");
        assertThatThrownBy(() -> ColumnMask.of(KEYED, List.of("nope"))).isInstanceOf(CdcException.class).hasMessageContaining("no column nope");
    }

    @Test
    void verdictNeedsTheWholeIntervalOnOneSideOfTheBound() {
        assertThat(ChangeEstimate.of(new double[] {7, 7.5}, new double[] {10, 11}).against(Criterion.SCAN)).isEqualTo(Verdict.PASS);
        assertThat(ChangeEstimate.of(new double[] {12, 13}, new double[] {10, 11}).against(Criterion.SCAN)).isEqualTo(Verdict.FAIL);
        assertThat(ChangeEstimate.of(new double[] {7, 10}, new double[] {10, 11}).against(Criterion.SCAN)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(ChangeEstimate.of(new double[] {5}, new double[] {10}).against(Criterion.SCAN)).isEqualTo(Verdict.INCONCLUSIVE);
        ChangeEstimate e = ChangeEstimate.of(new double[] {8, 9, 10}, new double[] {10, 10, 10});
        assertThat(e.change()).isCloseTo(-0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.low()).isCloseTo(-0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.high()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
