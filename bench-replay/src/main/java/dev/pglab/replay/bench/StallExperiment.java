package dev.pglab.replay.bench;

import dev.pglab.harness.jmh.PacedArm;
import dev.pglab.harness.jmh.PacedPlan;
import dev.pglab.harness.jmh.PacedSuite;
import dev.pglab.harness.measure.LatencyRecorder;
import dev.pglab.harness.result.LabLayout;
import dev.pglab.harness.result.MetricKind;
import dev.pglab.parser.ReplayItem;
import dev.pglab.replay.Execution;
import dev.pglab.replay.ExecutionListener;
import dev.pglab.replay.Replay;
import dev.pglab.replay.ReplayConfig;
import dev.pglab.replay.ReplayMode;
import dev.pglab.replay.ReplayReport;
import dev.pglab.replay.ReplaySource;
import dev.pglab.replay.ReplayTarget;
import dev.pglab.replay.ReplayTimeline;
import dev.pglab.replay.ReportWriter;
import dev.pglab.replay.ServerTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;

/**
 * The stall experiment: replay the {@link StallWorkload} capture at speed 1 and look at the sessions other than
 * S00, whose {@code pg_sleep(3)} (cancelled after 20 ms in the capture) now really takes 3 s. Per-session mode
 * should keep them on time; serial mode (pgreplay's order) holds them back until the sleep ends.
 */
public final class StallExperiment {

    /**
     * One replay of the stall capture.
     *
     * @param othersP99Ms           lateness p99 of every item of the other sessions
     * @param othersMaxMs           their worst lateness
     * @param firstBlockedMs        lateness of the first other item due after S00's first item after the sleep
     *                              (the one that waits for S00 in serial mode)
     * @param duringSleepMedianMs   median lateness of other items due while the sleep runs (due in sleep + 0.2 s .. + 2.8 s)
     * @param s00MaxMs              S00's own worst lateness (its items queue behind the sleep in both modes)
     * @param sleepServiceMs        how long the sleep took on the target
     */
    public record Result(ReplayMode mode, ReplayReport report, double othersP99Ms, double othersMaxMs,
                         double firstBlockedMs, double duringSleepMedianMs, double s00MaxMs, double sleepServiceMs,
                         Histogram othersLatenessNanos) {
    }

    private StallExperiment() {
    }

    /**
     * Replays the capture and analyses the workload's slot statements (the statements {@link StallWorkload}
     * issues on its schedule; the driver's per-connection {@code SET application_name} right after each connect
     * is replayed but not analysed, as its lateness is the connection set-up time).
     */
    public static Result run(List<ReplayItem> capture, StallWorkload workload, ReplayTarget target, ReplayMode mode) {
        try {
            return run(capture, workload, target, mode, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // no report directory: nothing is written
        }
    }

    /**
     * The same, also writing the replay's report directory (replay.json, timeline.json, ...) as {@code pglab replay
     * --report DIR} does, when {@code reportDir} is not null: the lab report draws it as a replay page.
     */
    public static Result run(List<ReplayItem> capture, StallWorkload workload, ReplayTarget target, ReplayMode mode,
                             Path reportDir) throws IOException {
        ConcurrentLinkedQueue<Execution> seen = new ConcurrentLinkedQueue<>();
        Replay replay = new Replay(ReplayConfig.defaults().withMode(mode), target, List.of(new ExecutionListener() {
            @Override
            public void executed(Execution execution) {
                seen.add(execution);
            }
        }));
        ReplayTimeline timeline = reportDir == null ? null : new ReplayTimeline(replay);
        if (timeline != null) {
            replay.addListener(timeline);
        }
        ReplayReport report = replay.run(ReplaySource.of(capture, "stall capture"));
        if (timeline != null) {
            ReportWriter.write(report, reportDir);
            timeline.write(reportDir);
        }
        java.util.Set<String> slots = new java.util.HashSet<>();
        for (int s = 0; s < workload.sessions(); s++) {
            for (int k = 0; k < workload.slots(); k++) {
                slots.add(workload.statement(s, k));
            }
        }
        return analyse(mode, report, seen.stream().filter(e -> slots.contains(e.sql())).toList());
    }

    static Result analyse(ReplayMode mode, ReplayReport report, List<Execution> executions) {
        Execution sleep = executions.stream().filter(e -> e.sql().equals(StallWorkload.SLEEP)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the replay ran no " + StallWorkload.SLEEP));
        String s00 = sleep.sessionId();
        List<Execution> s00Items = executions.stream().filter(e -> e.sessionId().equals(s00))
                .sorted(Comparator.comparingLong(Execution::dueNanos)).toList();
        long nextOfS00Due = s00Items.stream().mapToLong(Execution::dueNanos).filter(d -> d > sleep.dueNanos())
                .min().orElse(sleep.dueNanos());
        List<Execution> others = executions.stream().filter(e -> !e.sessionId().equals(s00))
                .sorted(Comparator.comparingLong(Execution::dueNanos)).toList();
        Histogram h = new Histogram(3);
        h.setAutoResize(true);
        others.forEach(e -> h.recordValue(Math.max(0, e.latenessNanos())));
        double firstBlocked = others.stream().filter(e -> e.dueNanos() > nextOfS00Due).findFirst()
                .map(e -> e.latenessNanos() / 1e6).orElse(Double.NaN);
        double[] during = others.stream()
                .filter(e -> e.dueNanos() >= sleep.dueNanos() + 200_000_000L && e.dueNanos() <= sleep.dueNanos() + 2_800_000_000L)
                .mapToDouble(e -> e.latenessNanos() / 1e6).sorted().toArray();
        double s00Max = s00Items.stream().mapToLong(Execution::latenessNanos).max().orElse(0) / 1e6;
        return new Result(mode, report, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6, firstBlocked,
                during.length == 0 ? Double.NaN : during[during.length / 2], s00Max, sleep.serviceNanos() / 1e6, h);
    }

    /** The stall experiment in one mode, as an arm of {@link ReplaySuite}; PacedRunner alternates the modes. */
    static PacedArm arm(ReplayMode mode) {
        return new PacedArm(ReplaySuite.PREFIX + "stall", Map.of("mode", mode.name().toLowerCase(Locale.ROOT),
                "sessions", String.valueOf(StallWorkload.ISSUE.sessions())), "sample", "ms", List.of(
                new PacedArm.MetricSpec("others.lateness.max", "ms", MetricKind.TIME),
                new PacedArm.MetricSpec("firstBlocked.lateness", "ms", MetricKind.TIME),
                new PacedArm.MetricSpec("wall", "s", MetricKind.TIME)));
    }

    /**
     * One mode against {@code target}, in the arm's fork: each iteration one replay of the capture. The fork's last
     * measured replay is kept as a report directory under {@link LabLayout#replays()} (the lab report's replay
     * pages; the last round's fork wins), the others' lateness of its measured replays as an hgrm file.
     */
    static PacedSuite.Subject subject(ServerTarget target, ReplayMode mode, PacedPlan plan, LabLayout layout)
            throws IOException, java.sql.SQLException {
        List<ReplayItem> capture = StallCapture.items(StallWorkload.ISSUE);
        target.provision(StallWorkload.USER, StallWorkload.DATABASE);
        String m = mode.name().toLowerCase(Locale.ROOT);
        Histogram all = new Histogram(3);
        all.setAutoResize(true);
        return new PacedSuite.Subject() {
            int measured;

            @Override
            public PacedArm.Sample measure(boolean warmup) throws IOException {
                boolean last = !warmup && ++measured == plan.iterations();
                Result res = run(capture, StallWorkload.ISSUE, target, mode, last ? layout.replays().resolve("stall-" + m) : null);
                System.out.printf("pglab: stall experiment, %s mode: other sessions' lateness p99 %.1f ms, max %.1f ms, "
                                + "first blocked item %.1f ms late; S00 max %.1f ms; wall %.2f s%n", mode, res.othersP99Ms(),
                        res.othersMaxMs(), res.firstBlockedMs(), res.s00MaxMs(), res.report().wallSeconds());
                if (!warmup) {
                    all.add(res.othersLatenessNanos());
                }
                return new PacedArm.Sample(res.othersP99Ms(), Map.of("others.lateness.max", res.othersMaxMs(),
                        "firstBlocked.lateness", res.firstBlockedMs(), "wall", res.report().wallSeconds()));
            }

            @Override
            public void close() throws IOException {
                LatencyRecorder.writeHgrm(all, layout.hgrm().resolve("replay-stall-" + m + "-others-lateness.hgrm"));
            }
        };
    }
}
