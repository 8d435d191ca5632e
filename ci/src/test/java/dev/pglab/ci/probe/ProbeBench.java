package dev.pglab.ci.probe;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Test-only benchmark that the gate's tests measure for real. Its fork reads {@code -Dpglab.probe.inject}
 * (or the environment variable {@code PGLAB_PROBE_INJECT}, which JMH forks inherit): {@code slow} adds
 * {@code Blackhole.consumeCPU(300)} (microseconds of pure CPU: a park would allocate, and a much slower op would spread JMH's per-iteration allocations over so few ops that bytes/op rises too)
 * to {@link #slowTarget}, {@code alloc} adds a 256-byte array to {@link #allocTarget};
 * {@link #steady} never changes. Without the property all three do the same kind of work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProbeBench {
    @Param({"64"})
    int size;

    private int[] data;
    private boolean slow;
    private boolean alloc;

    @Setup
    public void setup() {
        String inject = System.getProperty("pglab.probe.inject", System.getenv().getOrDefault("PGLAB_PROBE_INJECT", ""));
        slow = inject.contains("slow");
        alloc = inject.contains("alloc");
        data = new SplittableRandom(42).ints(size).toArray();
    }

    private int sum() {
        int s = 0;
        for (int v : data) {
            s += v;
        }
        return s;
    }

    /** The A/B calibration hook, as the lab's sentinels carry it (-Dpglab.ab.slowdown on the head side only). */
    private final dev.pglab.harness.jmh.InjectedSlowdown slowdown = new dev.pglab.harness.jmh.InjectedSlowdown();

    @Benchmark
    public int steady() {
        int s = sum();
        slowdown.tick();
        return s;
    }

    @Benchmark
    public void slowTarget(Blackhole bh) {
        bh.consume(sum());
        if (slow) {
            Blackhole.consumeCPU(300);
        }
    }

    @Benchmark
    public void allocTarget(Blackhole bh) {
        bh.consume(sum());
        if (alloc) {
            bh.consume(new byte[256]);
        }
    }
}
