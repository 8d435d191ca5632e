package dev.pglab.cdc.bench;

import dev.pglab.cdc.experiment.SourceFixture;
import dev.pglab.harness.result.Metric;
import dev.pglab.harness.result.MetricKind;
import java.sql.PreparedStatement;
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
 * Write path, OLTP: single-row {@code UPDATE ... WHERE id = ?} statements in autocommit (prepared, server-side
 * after PgJDBC's threshold), walking the ids of a 10,000-row {@code cols}-column source in order, under one
 * trigger variant. Counters: WAL and buffer bytes per update, backend CPU per update.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CdcOltpWriteBench {
    static final int ROWS = 10_000;

    @Param({"none", "wide_row", "di_row_twice", "di_row_once", "di_row_values", "wide_stmt_eq", "di_stmt_eq"})
    public String trigger;

    @Param({"5", "20", "50"})
    public int cols;

    BenchServer lab;
    PreparedStatement update;
    long nextId = 1;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        lab = new BenchServer(new SourceFixture(cols, ROWS), BenchServer.triggers(trigger));
        update = lab.connection.prepareStatement("UPDATE " + lab.table.source() + " SET " + SourceFixture.column(1)
                + " = " + SourceFixture.column(1) + " + 1 WHERE id = ?");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        update.close();
        lab.close();
    }

    @Benchmark
    public int singleRowUpdate(OltpCounters counters) throws SQLException {
        update.setLong(1, nextId);
        nextId = nextId == ROWS ? 1 : nextId + 1;
        counters.ops++;
        return update.executeUpdate();
    }

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class OltpCounters {
        @Metric(MetricKind.BYTES)
        public double walBytesPerRow;
        @Metric(MetricKind.BYTES)
        public double bufferBytesPerRow;
        /** Backend CPU per update, µs. */
        @Metric(MetricKind.TIME)
        public double backendCpuUsPerOp;
        long ops;
        long wal0;
        long cpu0;

        @Setup(Level.Iteration)
        public void start(CdcOltpWriteBench bench) {
            WriteIteration.start(bench.lab);
            ops = 0;
            wal0 = bench.lab.walLsnBytes();
            cpu0 = bench.lab.backend.cpuNanos();
        }

        @TearDown(Level.Iteration)
        public void finish(CdcOltpWriteBench bench) {
            long n = Math.max(1, ops);
            walBytesPerRow = (bench.lab.walLsnBytes() - wal0) / (double) n;
            bufferBytesPerRow = WriteIteration.bufferBytes(bench.lab) / (double) n;
            long cpu1 = bench.lab.backend.cpuNanos();
            backendCpuUsPerOp = cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e3 / n;
        }
    }
}
