package dev.pglab.harness.jmh.sample;

import dev.pglab.harness.result.Metric;
import dev.pglab.harness.result.MetricKind;
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

/** A tiny benchmark that proves LabRunner end to end; it allocates on purpose so bytes/op is not zero. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SumBench {
    @Param({"16"})
    int size;
    long[] values;

    @Setup
    public void setup() {
        values = new long[size];
        for (int i = 0; i < size; i++) {
            values[i] = i * 31L;
        }
    }

    /** Declared kinds, as every aux counter of the lab declares them; one left undeclared on purpose. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counters {
        @Metric(MetricKind.COUNTER)
        public double sums;
        @Metric(MetricKind.TIME)
        public double sumNanos;
        public double undeclared;
        long ops;

        @Setup(Level.Iteration)
        public void reset() {
            ops = 0;
        }

        @TearDown(Level.Iteration)
        public void perOp() {
            sums = 1;
            sumNanos = 0.5;
            undeclared = 2;
        }
    }

    @Benchmark
    public long[] copyAndSum(Counters counters) {
        counters.ops++;
        long[] copy = values.clone();
        long s = 0;
        for (long v : copy) {
            s += v;
        }
        copy[0] = s;
        return copy;
    }
}
