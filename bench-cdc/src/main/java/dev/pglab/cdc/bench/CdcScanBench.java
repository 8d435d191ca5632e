package dev.pglab.cdc.bench;

import dev.pglab.harness.jmh.InjectedSlowdown;
import dev.pglab.cdc.ColumnMask;
import dev.pglab.cdc.Jdbc;
import dev.pglab.cdc.NetChange;
import dev.pglab.cdc.ScanWindow;
import dev.pglab.cdc.experiment.ExperimentTable;
import dev.pglab.cdc.experiment.ScanSample;
import dev.pglab.cdc.experiment.SourceFixture;
import dev.pglab.cdc.experiment.Workload;
import dev.pglab.cdc.scan.ScanVariant;
import dev.pglab.cdc.trigger.CdcTrigger;
import dev.pglab.harness.result.RunNotes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Delta scan of a 50-column source's buffers after a workload, WIDE 5-CTE vs D+I 5-CTE (as shipped) vs D+I
 * single pass. The workload is captured into both buffers at once (wide row trigger + D+I row trigger), then
 * both are ANALYZEd; each op runs the scan to the end inside the server with {@code EXPLAIN (ANALYZE, BUFFERS,
 * TIMING OFF)}. Covers the roadmap's scan (single, mixed), multi-change (multi) and shared-hit benchmarks.
 * Before measuring, the trial checks its own answer: the delta must equal the true net change of the source.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CdcScanBench {
    static final int COLS = 50;

    @Param({"wide5", "di5", "di1"})
    public String variant;

    @Param({"single", "mixed", "multi"})
    public String workload;

    @Param({"1000", "10000"})
    public int rows;

    BenchServer lab;
    String explain;
    final List<String> plans = new ArrayList<>();
    /** A known slowdown for calibrating the A/B gate (-Dpglab.ab.slowdown, head side only); nothing otherwise. */
    final InjectedSlowdown slowdown = new InjectedSlowdown();

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        lab = new BenchServer(new SourceFixture(COLS, rows),
                List.of(CdcTrigger.byId("wide_row"), CdcTrigger.byId("di_row_values")));
        ExperimentTable t = lab.table;
        Jdbc.run(lab.connection, "CREATE TABLE " + BenchServer.SCHEMA + ".before AS SELECT * FROM " + t.source());
        Workload w = Workload.parse(workload);
        t.apply(lab.connection, w);
        String scan = t.capture().scanSql(ScanVariant.parse(variant), ScanWindow.everything(), ColumnMask.all());
        long wrong = Jdbc.queryLong(lab.connection, NetChange.mismatchCount(scan, BenchServer.SCHEMA + ".before",
                t.source(), t.capture().schema().source().columns()));
        if (wrong != 0) {
            throw new IllegalStateException(variant + " delta of workload " + workload + " differs from the net change by " + wrong + " rows");
        }
        RunNotes.note("measurement", Map.of("name", "cdc-scan-fixture", "fixture", lab.table.fixture().id(),
                "workload", workload, "multiChangeShare", t.multiChangeShare(lab.connection),
                "wideRows", t.capture().rows(lab.connection, dev.pglab.cdc.BufferKind.WIDE),
                "diRows", t.capture().rows(lab.connection, dev.pglab.cdc.BufferKind.DI)));
        explain = ScanSample.explain(scan);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        lab.close();
    }

    @Benchmark
    public String scan(ScanCounters counters) {
        String plan = Jdbc.queryString(lab.connection, explain);
        slowdown.tick();
        plans.add(plan);
        return plan;
    }

    /** Server-side view of each iteration: buffers and execution time from the plans, backend CPU from /proc. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class ScanCounters {
        public double sharedHitBlocks;
        public double sharedBlocks;
        public double tempBlocks;
        public double serverExecutionMs;
        public double planningMs;
        public double backendCpuMsPerOp;
        long cpu0;

        @Setup(Level.Iteration)
        public void start(CdcScanBench bench) {
            bench.plans.clear();
            cpu0 = bench.lab.backend.cpuNanos();
        }

        @TearDown(Level.Iteration)
        public void finish(CdcScanBench bench) {
            long cpu1 = bench.lab.backend.cpuNanos();
            int n = Math.max(1, bench.plans.size());
            double hit = 0;
            double all = 0;
            double temp = 0;
            double exec = 0;
            double plan = 0;
            for (String json : bench.plans) {
                ScanSample s = ScanSample.parse(json);
                hit += s.sharedHitBlocks();
                all += s.sharedHitBlocks() + s.sharedReadBlocks();
                temp += s.tempBlocks();
                exec += s.executionMs();
                plan += s.planningMs();
            }
            sharedHitBlocks = hit / n;
            sharedBlocks = all / n;
            tempBlocks = temp / n;
            serverExecutionMs = exec / n;
            planningMs = plan / n;
            backendCpuMsPerOp = cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e6 / n;
        }
    }
}
