package dev.pglab.cdc.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.cdc.experiment.ExperimentSamples;
import dev.pglab.cdc.experiment.RoadmapVerdicts;
import dev.pglab.cdc.experiment.VerdictTable;
import dev.pglab.cdc.experiment.Workload;
import dev.pglab.harness.jmh.PacedPlan;
import dev.pglab.harness.jmh.PacedSuite;
import dev.pglab.harness.result.KeyResult;
import dev.pglab.harness.result.LabSettings;
import dev.pglab.harness.result.ResultFile;
import dev.pglab.harness.result.RunNotes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs after the module's JMH benchmarks (LabRunner runs paced suites second): under the {@code full} budget it
 * first measures the 100K-row scans ({@link LargeScanRun}), then reads this run's JMH results and writes the
 * verdict table against the roadmap, computed from fork-level samples, into the result file's {@code extra}
 * (a {@code measurement} note named {@code cdc-verdicts}) and into {@code verdicts.txt} beside it. It declares no
 * arms: LabRunner hands it this run's JMH results, typed ({@link #afterJmh}).
 */
public final class CdcVerdictSuite implements PacedSuite {
    private static final String MODULE = "bench-cdc";

    @Override
    public List<ObjectNode> afterJmh(LabSettings settings, PacedPlan plan, List<KeyResult> jmh, Path workDir)
            throws Exception {
        List<ObjectNode> entries = new ArrayList<>();
        LargeScanRun large = null;
        if (plan.forBaselines()) {
            large = LargeScanRun.run(plan);
            entries.addAll(large.entries());
        }
        JmhSamples samples = new JmhSamples(new JmhResults(jmh), large);
        List<Integer> scanRows = large == null ? List.of(10_000) : List.of(10_000, LargeScanRun.ROWS);
        VerdictTable table = RoadmapVerdicts.build("JMH, budget " + plan.budget().id() + ", fork-level samples", samples,
                List.of(5, 20, 50), List.of(1_000, 10_000), CdcScanBench.COLS, scanRows);
        String text = table.render();
        System.out.println(text);
        Files.writeString(workDir.resolve("verdicts.txt"), text, StandardCharsets.UTF_8);
        ObjectNode note = ResultFile.JSON.createObjectNode();
        note.put("kind", "measurement");
        note.put("name", "cdc-verdicts");
        note.setAll(table.toJson());
        RunNotes.note(note);
        return entries;
    }

    /** The JMH benchmarks of this package as {@link ExperimentSamples}; 100K scans from the paced run. */
    private record JmhSamples(JmhResults jmh, LargeScanRun large) implements ExperimentSamples {

        @Override
        public double[] bulkWrite(String trigger, int cols, int rows, boolean cpu) {
            Map<String, String> p = Map.of("trigger", trigger, "cols", Integer.toString(cols), "rows", Integer.toString(rows));
            return cpu ? jmh.secondary("CdcBulkWriteBench.bulkUpdate", p, "backendCpuMsPerOp")
                    : jmh.primary("CdcBulkWriteBench.bulkUpdate", p);
        }

        @Override
        public double[] oltpWrite(String trigger, int cols, boolean cpu) {
            Map<String, String> p = Map.of("trigger", trigger, "cols", Integer.toString(cols));
            return cpu ? jmh.secondary("CdcOltpWriteBench.singleRowUpdate", p, "backendCpuUsPerOp")
                    : jmh.primary("CdcOltpWriteBench.singleRowUpdate", p);
        }

        @Override
        public double[] scan(String variant, Workload workload, int rows, ScanMetric metric) {
            if (rows == LargeScanRun.ROWS) {
                return large == null ? new double[0] : large.samples(variant, workload, metric);
            }
            Map<String, String> p = Map.of("variant", variant, "workload", workload.id(), "rows", Integer.toString(rows));
            return switch (metric) {
                case TIME_MS -> jmh.primary("CdcScanBench.scan", p);
                case CPU_MS -> jmh.secondary("CdcScanBench.scan", p, "backendCpuMsPerOp");
                case SHARED_HIT -> jmh.secondary("CdcScanBench.scan", p, "sharedHitBlocks");
            };
        }

        @Override
        public double[] statementJoin(String buffer, String join, boolean cpu) {
            Map<String, String> p = Map.of("buffer", buffer, "join", join);
            return cpu ? jmh.secondary("CdcStatementJoinBench.bulkUpdate", p, "backendCpuMsPerOp")
                    : jmh.primary("CdcStatementJoinBench.bulkUpdate", p);
        }
    }
}
