package dev.pglab.cdc.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.cdc.experiment.ExperimentSamples;
import dev.pglab.cdc.experiment.ScanRounds;
import dev.pglab.cdc.experiment.SourceFixture;
import dev.pglab.cdc.experiment.Workload;
import dev.pglab.cdc.scan.ScanVariant;
import dev.pglab.cdc.trigger.CdcTrigger;
import dev.pglab.harness.jmh.PacedPlan;
import dev.pglab.harness.jmh.JmhShaped;
import dev.pglab.harness.result.MetricKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The 100K-row scans, for the {@code full} budget only: setting up 100K rows into both buffers takes a minute
 * per workload, too long to repeat per JMH fork. Paced by {@link ScanRounds} with the budget's {@link PacedPlan}
 * rounds as rounds and its iterations as runs (in LabRunner's JVM, not forked: see the module README); results in JMH's shape ({@code CdcScanBench.scan} with rows=100000).
 */
record LargeScanRun(Map<Workload, ScanRounds> rounds) {
    static final int ROWS = 100_000;

    static LargeScanRun run(PacedPlan plan) throws Exception {
        Map<Workload, ScanRounds> all = new EnumMap<>(Workload.class);
        for (Workload w : List.of(Workload.SINGLE, Workload.MIXED, Workload.MULTI)) {
            try (BenchServer lab = new BenchServer(new SourceFixture(CdcScanBench.COLS, ROWS),
                    List.of(CdcTrigger.byId("wide_row"), CdcTrigger.byId("di_row_values")))) {
                lab.table.apply(lab.connection, w);
                all.put(w, ScanRounds.measure(lab.connection, lab.backend, lab.table, List.of(ScanVariant.values()),
                        Math.max(2, plan.rounds()), Math.max(1, plan.warmups()), plan.iterations()));
            }
        }
        return new LargeScanRun(all);
    }

    double[] samples(String variant, Workload w, ExperimentSamples.ScanMetric metric) {
        ScanRounds r = rounds.get(w);
        return r == null ? new double[0] : r.roundMedians(variant, metric);
    }

    List<ObjectNode> entries() {
        List<ObjectNode> out = new ArrayList<>();
        rounds.forEach((w, r) -> {
            for (ScanVariant v : ScanVariant.values()) {
                out.add(JmhShaped.of(CdcScanBench.class.getName() + ".scan", "avgt")
                        .params(Map.of("variant", v.id(), "workload", w.id(), "rows", Integer.toString(ROWS)))
                        .primary("ms/op", r.raw(v.id(), ExperimentSamples.ScanMetric.TIME_MS))
                        .secondary("backendCpuMsPerOp", "ms", MetricKind.TIME, r.raw(v.id(), ExperimentSamples.ScanMetric.CPU_MS))
                        .secondary("sharedHitBlocks", "#", MetricKind.COUNTER, r.raw(v.id(), ExperimentSamples.ScanMetric.SHARED_HIT))
                        .build());
            }
        });
        return out;
    }
}
