package dev.pglab.harness.jmh.sample;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

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

    @Benchmark
    public long[] copyAndSum() {
        long[] copy = values.clone();
        long s = 0;
        for (long v : copy) {
            s += v;
        }
        copy[0] = s;
        return copy;
    }
}
