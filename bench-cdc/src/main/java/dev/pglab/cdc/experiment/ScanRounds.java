package dev.pglab.cdc.experiment;

import dev.pglab.cdc.ColumnMask;
import dev.pglab.cdc.Jdbc;
import dev.pglab.cdc.ScanWindow;
import dev.pglab.cdc.scan.ScanVariant;
import dev.pglab.harness.stats.Summary;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delta scans measured outside JMH (the 100K-row scans of the full budget, the command line), by the same
 * rules: warm-up runs first, then rounds in which the variants take turns (so slow drift hits all alike),
 * several runs per round; a round's median is one independent sample. Wall time is the client's round trip
 * of {@code EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)}; CPU is the backend's.
 */
public final class ScanRounds {
    private final Map<String, double[][]> timeMs = new LinkedHashMap<>();
    private final Map<String, double[][]> cpuMs = new LinkedHashMap<>();
    private final Map<String, double[][]> sharedHit = new LinkedHashMap<>();

    private ScanRounds() {
    }

    public static ScanRounds measure(Connection c, BackendProcess backend, ExperimentTable table, List<ScanVariant> variants,
                                     int rounds, int warmups, int runs) {
        ScanRounds r = new ScanRounds();
        Map<ScanVariant, String> explain = new LinkedHashMap<>();
        for (ScanVariant v : variants) {
            explain.put(v, ScanSample.explain(table.capture().scanSql(v, ScanWindow.everything(), ColumnMask.all())));
            r.timeMs.put(v.id(), new double[rounds][runs]);
            r.cpuMs.put(v.id(), new double[rounds][runs]);
            r.sharedHit.put(v.id(), new double[rounds][runs]);
            for (int i = 0; i < warmups; i++) {
                Jdbc.queryString(c, explain.get(v));
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (ScanVariant v : variants) {
                for (int run = 0; run < runs; run++) {
                    long cpu0 = backend.cpuNanos();
                    long t0 = System.nanoTime();
                    String plan = Jdbc.queryString(c, explain.get(v));
                    long wall = System.nanoTime() - t0;
                    long cpu1 = backend.cpuNanos();
                    r.timeMs.get(v.id())[round][run] = wall / 1e6;
                    r.cpuMs.get(v.id())[round][run] = cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e6;
                    r.sharedHit.get(v.id())[round][run] = ScanSample.parse(plan).sharedHitBlocks();
                }
            }
        }
        return r;
    }

    /** Raw samples {@code [round][run]} of a metric for a variant. */
    public double[][] raw(String variant, ExperimentSamples.ScanMetric metric) {
        Map<String, double[][]> m = switch (metric) {
            case TIME_MS -> timeMs;
            case CPU_MS -> cpuMs;
            case SHARED_HIT -> sharedHit;
        };
        return m.getOrDefault(variant, new double[0][]);
    }

    /** One sample per round: the round's median. */
    public double[] roundMedians(String variant, ExperimentSamples.ScanMetric metric) {
        return Summary.rowMedians(raw(variant, metric));
    }
}
