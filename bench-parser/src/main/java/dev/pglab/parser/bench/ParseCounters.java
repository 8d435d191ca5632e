package dev.pglab.parser.bench;

import dev.pglab.harness.result.Metric;
import dev.pglab.harness.result.MetricKind;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Bytes and items per second, beside the benchmark's own ops/s (one op = the whole file). */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ParseCounters {
    /** Bytes of log read; divide the rate by 1e6 for MB/s. */
    @Metric(MetricKind.OTHER)
    public long bytes;
    /** Replay items produced. */
    @Metric(MetricKind.OTHER)
    public long items;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
        items = 0;
    }
}
