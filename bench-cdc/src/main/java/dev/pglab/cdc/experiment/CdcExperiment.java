package dev.pglab.cdc.experiment;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.CdcException;
import dev.pglab.cdc.ColumnMask;
import dev.pglab.cdc.Jdbc;
import dev.pglab.cdc.NetChange;
import dev.pglab.cdc.ScanWindow;
import dev.pglab.cdc.Sql;
import dev.pglab.cdc.scan.ScanVariant;
import dev.pglab.cdc.trigger.CdcTrigger;
import dev.pglab.harness.stats.Summary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The experiment as the command line runs it against any server, inside one schema it owns: a short,
 * self-contained version of the JMH suite with the same fixtures, triggers, scans and verdict rules. Every
 * comparison is measured side by side: within a round the variants take turns on the same table.
 */
public final class CdcExperiment {
    static final List<String> WRITE_TRIGGERS = List.of("wide_row", "di_row_twice", "di_row_values", "di_row_once",
            "wide_stmt_eq", "di_stmt_eq");
    private final Connection c;
    private final String schema;
    private final ExperimentPlan plan;
    private final Consumer<String> progress;
    private final BackendProcess backend;
    private final MeasuredSamples samples = new MeasuredSamples();
    private final List<WriteVolume> volumes = new java.util.ArrayList<>();
    private int tables;

    private CdcExperiment(Connection c, String schema, ExperimentPlan plan, Consumer<String> progress) {
        this.c = c;
        this.schema = schema;
        this.plan = plan;
        this.progress = progress;
        this.backend = BackendProcess.of(c);
    }

    /** Runs everything in {@code schema} (which must exist and be empty) and returns the verdicts. */
    public static ExperimentReport run(Connection c, String schema, ExperimentPlan plan, Consumer<String> progress) {
        CdcExperiment e = new CdcExperiment(c, schema, plan, progress);
        Jdbc.run(c, "SET jit = off", "SET max_parallel_workers_per_gather = 0");
        e.writes();
        e.scans();
        e.statementJoins();
        String where = e.backend.local() ? "backend CPU from /proc" : "server not local: no backend CPU";
        VerdictTable table = RoadmapVerdicts.build("pglab cdc run, " + plan.rounds() + " rounds, " + where, e.samples,
                plan.cols(), plan.rows(), plan.scanCols(), plan.rows());
        return new ExperimentReport(table, e.volumes);
    }

    private ExperimentTable table(SourceFixture fixture, List<CdcTrigger> triggers) {
        return ExperimentTable.create(c, schema, "src" + (++tables), fixture, triggers);
    }

    private void drop(ExperimentTable t) {
        Jdbc.run(c, "DROP TABLE " + t.source() + ", " + t.capture().schema().table(BufferKind.WIDE) + ", "
                + t.capture().schema().table(BufferKind.DI) + " CASCADE");
    }

    private void writes() {
        for (int cols : plan.cols()) {
            for (int rows : plan.rows()) {
                progress.accept("write path: bulk UPDATE of " + rows + " rows x " + cols + " columns, "
                        + WRITE_TRIGGERS.size() + " trigger variants x " + plan.rounds() + " rounds");
                ExperimentTable t = table(new SourceFixture(cols, rows), List.of());
                String update = "UPDATE " + t.source() + " SET " + SourceFixture.column(1) + " = " + SourceFixture.column(1) + " + 1";
                java.util.Map<String, List<double[]>> perRow = new java.util.LinkedHashMap<>();
                for (int round = -1; round < plan.rounds(); round++) { // round -1 warms up every variant
                    for (String id : WRITE_TRIGGERS) {
                        t = t.withTriggers(c, List.of(CdcTrigger.byId(id)));
                        t.capture().truncate(c);
                        Jdbc.run(c, "VACUUM " + t.source());
                        WriteSample s = WriteSample.measure(c, backend, update);
                        if (round >= 0) {
                            long buffer = t.bufferBytes(c, BufferKind.WIDE) + t.bufferBytes(c, BufferKind.DI);
                            perRow.computeIfAbsent(id, k -> new java.util.ArrayList<>())
                                    .add(new double[] {s.walBytes() / (double) rows, buffer / (double) rows});
                            samples.add(MeasuredSamples.bulkKey(id, cols, rows, false), s.wallNanos() / 1e6);
                            samples.add(MeasuredSamples.bulkKey(id, cols, rows, true), s.cpuNanos() < 0 ? -1 : s.cpuNanos() / 1e6);
                        }
                    }
                }
                perRow.forEach((id, list) -> volumes.add(new WriteVolume(id, cols, rows,
                        Summary.median(list.stream().mapToDouble(v -> v[0]).toArray()),
                        Summary.median(list.stream().mapToDouble(v -> v[1]).toArray()))));
                if (rows == plan.rows().getFirst()) {
                    oltp(t, cols);
                }
                drop(t);
            }
        }
    }

    private void oltp(ExperimentTable table, int cols) {
        progress.accept("write path: " + plan.oltpUpdates() + " single-row UPDATEs x " + cols + " columns, "
                + WRITE_TRIGGERS.size() + " trigger variants x " + plan.rounds() + " rounds");
        ExperimentTable t = table;
        String sql = "UPDATE " + t.source() + " SET " + SourceFixture.column(1) + " = " + SourceFixture.column(1) + " + 1 WHERE id = ?";
        int rows = t.fixture().rows();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int round = -1; round < plan.rounds(); round++) {
                for (String id : WRITE_TRIGGERS) {
                    t = t.withTriggers(c, List.of(CdcTrigger.byId(id)));
                    t.capture().truncate(c);
                    long cpu0 = backend.cpuNanos();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < plan.oltpUpdates(); i++) {
                        ps.setLong(1, 1 + (i % rows));
                        ps.executeUpdate();
                    }
                    long wall = System.nanoTime() - t0;
                    long cpu1 = backend.cpuNanos();
                    if (round >= 0) {
                        samples.add(MeasuredSamples.oltpKey(id, cols, false), wall / 1e3 / plan.oltpUpdates());
                        samples.add(MeasuredSamples.oltpKey(id, cols, true), cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e3 / plan.oltpUpdates());
                    }
                }
            }
        } catch (SQLException e) {
            throw new CdcException("single-row UPDATE on " + t.source() + " failed: " + e.getMessage(), e);
        }
    }

    private void scans() {
        int cols = plan.scanCols();
        for (int rows : plan.rows()) {
            for (Workload w : List.of(Workload.SINGLE, Workload.MIXED, Workload.MULTI)) {
                progress.accept("scan: " + w.id() + " workload on " + rows + " rows x " + cols + " columns, wide5 / di5 / di1 x "
                        + plan.rounds() + " rounds");
                ExperimentTable t = table(new SourceFixture(cols, rows),
                        List.of(CdcTrigger.byId("wide_row"), CdcTrigger.byId(RoadmapVerdicts.SINGLE_PASS_TRIGGER)));
                String before = Sql.qualified(schema, "before" + tables);
                Jdbc.run(c, "CREATE TABLE " + before + " AS SELECT * FROM " + t.source());
                t.apply(c, w);
                for (ScanVariant v : ScanVariant.values()) {
                    String scan = t.capture().scanSql(v, ScanWindow.everything(), ColumnMask.all());
                    long wrong = Jdbc.queryLong(c, NetChange.mismatchCount(scan, before, t.source(), t.capture().schema().source().columns()));
                    if (wrong != 0) {
                        throw new CdcException(v.id() + " delta of the " + w.id() + " workload differs from the net change by " + wrong
                                + " rows: the engine is wrong on this server (" + Jdbc.queryString(c, "SELECT version()") + ")");
                    }
                }
                samples.scans(w, rows, ScanRounds.measure(c, backend, t, List.of(ScanVariant.values()), plan.rounds(), 1, plan.scanRuns()));
                Jdbc.run(c, "DROP TABLE " + before);
                drop(t);
            }
        }
    }

    private void statementJoins() {
        int rows = plan.joinRows();
        int cols = plan.scanCols();
        progress.accept("statement trigger join: IS NOT DISTINCT FROM vs = on " + rows + " rows x " + cols + " columns");
        ExperimentTable t = table(new SourceFixture(cols, rows), List.of());
        String update = "UPDATE " + t.source() + " SET " + SourceFixture.column(1) + " = " + SourceFixture.column(1) + " + 1";
        for (int round = -1; round < plan.rounds(); round++) {
            for (String buffer : List.of("wide", "di")) {
                for (String join : List.of("indf", "eq")) {
                    t = t.withTriggers(c, List.of(CdcTrigger.byId(buffer + "_stmt_" + join)));
                    t.capture().truncate(c);
                    WriteSample s = WriteSample.measure(c, backend, update);
                    if (round >= 0) {
                        samples.add(MeasuredSamples.joinKey(buffer, join, false), s.wallNanos() / 1e6);
                        samples.add(MeasuredSamples.joinKey(buffer, join, true), s.cpuNanos() < 0 ? -1 : s.cpuNanos() / 1e6);
                    }
                }
            }
        }
        drop(t);
    }
}
