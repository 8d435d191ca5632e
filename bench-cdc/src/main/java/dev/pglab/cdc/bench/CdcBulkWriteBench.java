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
 * Write path, bulk: one {@code UPDATE src SET c01 = c01 + 1} over all {@code rows} rows of a {@code cols}-column
 * source, autocommit, under one CDC trigger variant ({@code none} = no trigger, the floor). Each iteration
 * starts from empty buffers and a vacuumed source. Counters per updated row: WAL bytes and buffer bytes;
 * backend CPU per statement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CdcBulkWriteBench {

    @Param({"none", "wide_row", "di_row_twice", "di_row_once", "di_row_values", "wide_stmt_eq", "di_stmt_eq"})
    public String trigger;

    @Param({"5", "20", "50"})
    public int cols;

    @Param({"1000", "10000"})
    public int rows;

    BenchServer lab;
    String update;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        lab = new BenchServer(new SourceFixture(cols, rows), BenchServer.triggers(trigger));
        update = "UPDATE " + lab.table.source() + " SET " + SourceFixture.column(1) + " = " + SourceFixture.column(1) + " + 1";
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        lab.close();
    }

    @Benchmark
    public void bulkUpdate(WriteCounters counters) {
        Jdbc.run(lab.connection, update);
        counters.ops++;
    }

    /** Per-iteration counters, reported beside the time per statement. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class WriteCounters {
        /** WAL bytes per updated row (source and buffer together). */
        @Metric(MetricKind.BYTES)
        public double walBytesPerRow;
        /** Buffer heap + index bytes per updated row. */
        @Metric(MetricKind.BYTES)
        public double bufferBytesPerRow;
        /** Backend CPU per statement, ms. */
        @Metric(MetricKind.TIME)
        public double backendCpuMsPerOp;
        long ops;
        long wal0;
        long cpu0;

        @Setup(Level.Iteration)
        public void start(CdcBulkWriteBench bench) {
            WriteIteration.start(bench.lab);
            ops = 0;
            wal0 = bench.lab.walLsnBytes();
            cpu0 = bench.lab.backend.cpuNanos();
        }

        @TearDown(Level.Iteration)
        public void finish(CdcBulkWriteBench bench) {
            long updatedRows = Math.max(1, ops * bench.rows);
            walBytesPerRow = (bench.lab.walLsnBytes() - wal0) / (double) updatedRows;
            bufferBytesPerRow = WriteIteration.bufferBytes(bench.lab) / (double) updatedRows;
            long cpu1 = bench.lab.backend.cpuNanos();
            backendCpuMsPerOp = cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e6 / Math.max(1, ops);
        }
    }
}
