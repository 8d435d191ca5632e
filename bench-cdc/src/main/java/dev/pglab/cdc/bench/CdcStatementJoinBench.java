package dev.pglab.cdc.bench;

import dev.pglab.cdc.Jdbc;
import dev.pglab.cdc.experiment.SourceFixture;
import dev.pglab.harness.result.Metric;
import dev.pglab.harness.result.MetricKind;
import java.sql.SQLException;
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
 * The statement-level UPDATE trigger's key join: upstream's {@code IS NOT DISTINCT FROM} (a nested loop,
 * quadratic in rows per statement) against {@code =} (hash join), for both buffers, one bulk UPDATE of 1,000
 * rows of a 50-column source. 10,000 rows would take tens of seconds per statement with the upstream join.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CdcStatementJoinBench {
    static final int ROWS = 1_000;
    static final int COLS = 50;

    @Param({"wide", "di"})
    public String buffer;

    @Param({"indf", "eq"})
    public String join;

    BenchServer lab;
    String update;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        lab = new BenchServer(new SourceFixture(COLS, ROWS), BenchServer.triggers(buffer + "_stmt_" + join));
        update = "UPDATE " + lab.table.source() + " SET " + SourceFixture.column(1) + " = " + SourceFixture.column(1) + " + 1";
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        lab.close();
    }

    @Benchmark
    public void bulkUpdate(JoinCounters counters) {
        Jdbc.run(lab.connection, update);
        counters.ops++;
    }

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class JoinCounters {
        @Metric(MetricKind.TIME)
        public double backendCpuMsPerOp;
        long ops;
        long cpu0;

        @Setup(Level.Iteration)
        public void start(CdcStatementJoinBench bench) {
            WriteIteration.start(bench.lab);
            ops = 0;
            cpu0 = bench.lab.backend.cpuNanos();
        }

        @TearDown(Level.Iteration)
        public void finish(CdcStatementJoinBench bench) {
            long cpu1 = bench.lab.backend.cpuNanos();
            backendCpuMsPerOp = cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e6 / Math.max(1, ops);
        }
    }
}
