package dev.pglab.harness.result;

import dev.pglab.harness.stats.Summary;
import java.util.List;
import java.util.Map;

/**
 * One key's measurements in one run: primary metric {@code raw[fork][iteration]}, bytes/op per fork (from
 * {@code gc.alloc.rate.norm}; empty when not profiled), the domain counters per op per fork (the metrics the gate
 * holds: {@link MetricKind#gated()}), every secondary metric with its kind, and the load guard readings of its
 * forks (from the envelope; empty when the suite did not record them), and the reference method it is measured
 * against when its benchmark declares one ({@code @Reference}, marked by LabRunner).
 */
public record KeyResult(String module, BenchmarkKey key, String unit, double[][] raw, double[] allocForks,
                        Map<String, double[]> counters, List<ForkLoadReading> loads, Map<String, Secondary> metrics,
                        java.util.Optional<String> reference) {

    /** Without a declared reference. */
    public KeyResult(String module, BenchmarkKey key, String unit, double[][] raw, double[] allocForks,
                     Map<String, double[]> counters, List<ForkLoadReading> loads, Map<String, Secondary> metrics) {
        this(module, key, unit, raw, allocForks, counters, loads, metrics, java.util.Optional.empty());
    }

    /** Without the secondary metrics (a key built by hand for the gate's rules). */
    public KeyResult(String module, BenchmarkKey key, String unit, double[][] raw, double[] allocForks,
                     Map<String, double[]> counters, List<ForkLoadReading> loads) {
        this(module, key, unit, raw, allocForks, counters, loads, Map.of());
    }

    public double[] forkMedians() {
        return Summary.rowMedians(raw);
    }

    /** The lab's summary of the primary metric: the median of fork medians. */
    public double median() {
        return Summary.medianOfForkMedians(raw);
    }

    public boolean hasAlloc() {
        return allocForks.length > 0;
    }

    /** Fork medians of a secondary metric, empty when this key did not report it. */
    public double[] forkMedians(String metric) {
        Secondary m = metrics.get(metric);
        return m == null ? new double[0] : m.forkMedians();
    }

    /** A secondary metric: its unit, declared kind and {@code raw[fork][iteration]}. */
    public record Secondary(String unit, MetricKind kind, double[][] raw) {
        public double[] forkMedians() {
            return Summary.rowMedians(raw);
        }
    }

    /** Load per core and steal around one fork, as the harness recorded them. */
    public record ForkLoadReading(int fork, double loadPerCoreBefore, double loadPerCoreAfter, double steal) {
        public double maxLoadPerCore() {
            return Math.max(loadPerCoreBefore, loadPerCoreAfter);
        }
    }
}
