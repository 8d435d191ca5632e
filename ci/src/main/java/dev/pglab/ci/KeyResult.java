package dev.pglab.ci;

import dev.pglab.ci.stats.Summary;
import java.util.List;
import java.util.Map;

/**
 * One key's measurements in one run: primary metric {@code raw[fork][iteration]}, bytes/op per fork (from
 * {@code gc.alloc.rate.norm}; empty when not profiled), domain counters per op per fork, and the load guard
 * readings of its forks (from the envelope; empty when the suite did not record them).
 */
public record KeyResult(String module, BenchmarkKey key, String unit, double[][] raw, double[] allocForks,
                        Map<String, double[]> counters, List<ForkLoadReading> loads) {

    public double[] forkMedians() {
        return Summary.rowMedians(raw);
    }

    public double median() {
        return Summary.median(forkMedians());
    }

    public boolean hasAlloc() {
        return allocForks.length > 0;
    }

    /** Load per core and steal around one fork, as the harness recorded them. */
    public record ForkLoadReading(int fork, double loadPerCoreBefore, double loadPerCoreAfter, double steal) {
        public double maxLoadPerCore() {
            return Math.max(loadPerCoreBefore, loadPerCoreAfter);
        }
    }
}
