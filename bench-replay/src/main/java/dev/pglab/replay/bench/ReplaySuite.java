package dev.pglab.replay.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.harness.jmh.Budget;
import dev.pglab.harness.jmh.JmhShaped;
import dev.pglab.harness.jmh.PacedSuite;
import dev.pglab.harness.measure.LatencyRecorder;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.result.LabSettings;
import dev.pglab.harness.result.MetricKind;
import dev.pglab.harness.result.RunNotes;
import dev.pglab.harness.stats.Summary;
import dev.pglab.parser.ReplayItem;
import dev.pglab.replay.Replay;
import dev.pglab.replay.ReplayConfig;
import dev.pglab.replay.ReplayReport;
import dev.pglab.replay.ReplaySource;
import dev.pglab.replay.ServerTarget;
import dev.pglab.replay.Speed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * End-to-end replay against the embedded server, measured the paced way (each item stamped with its scheduled
 * time, as wrk2 and real-logic's LoadTestRig do):
 * <ul>
 * <li>{@code speedMax}: sustained statements per second at {@code --speed max} with 10, 100 and (outside smoke)
 * 1,000 sessions;</li>
 * <li>{@code offeredRate}: lateness p50/p99/p99.9 of 50 sessions at two fixed offered rates, speed 1;</li>
 * <li>{@code stall}: the stall experiment in both modes (see {@link StallExperiment}).</li>
 * </ul>
 * Warm-up rounds are discarded; each measured round is a fresh replay with fresh connections. Rounds are kept
 * as raw samples {@code [round group][round]}; "fork" in the JSON shape means an independent round group of
 * this one JVM. Lateness distributions go to {@code target/pglab/hgrm/}.
 */
public final class ReplaySuite implements PacedSuite {
    static final String PREFIX = ReplaySuite.class.getName() + ".";
    static final int RATE_SESSIONS = 50;
    /** Sessions connect this long before their first statement, so connection set-up is not in the lateness. */
    static final int CONNECT_LEAD_MS = 1000;

    @Override
    public List<ObjectNode> run(LabSettings settings, Path workDir) throws Exception {
        return measure(settings.budget(), settings.layout().hgrm());
    }

    @Override
    public List<ObjectNode> run(Budget budget, Path workDir) throws Exception {
        return measure(budget, LabSettings.fromSystem().layout().hgrm());
    }

    private List<ObjectNode> measure(Budget budget, Path hgrmDir) throws Exception {
        List<ObjectNode> results = new ArrayList<>();
        try (PgServer server = PgServer.start(PgServerConfig.embedded())) {
            ServerTarget target = ServerTarget.of(server, true);
            int[] sessionCounts = budget == Budget.SMOKE ? new int[] {10, 100} : new int[] {10, 100, 1000};
            // about 3 s per replay at the ~2-3 thousand statements/s two shared cores sustain (quick), longer for full
            int itemsPerRun = switch (budget) {
                case SMOKE -> 5_000;
                case QUICK -> 10_000;
                case FULL -> 40_000;
            };
            for (int sessions : sessionCounts) {
                results.add(speedMax(budget, target, sessions, itemsPerRun));
            }
            double seconds = budget == Budget.SMOKE ? 2 : 5;
            for (int rate : new int[] {500, 2_000}) {
                results.add(offeredRate(budget, target, rate, seconds, hgrmDir));
            }
            results.addAll(StallExperiment.suiteEntries(budget, server, hgrmDir));
        }
        return results;
    }

    private static ObjectNode speedMax(Budget budget, ServerTarget target, int sessions, int items) {
        List<ReplayItem> capture = PacingBench.syntheticCapture(sessions, Math.max(1, items / sessions - 2));
        RunNotes.fixture("replay-synthetic-" + sessions + "x" + (items / sessions - 2),
                "ScriptedCapture: " + sessions + " sessions x " + (items / sessions - 2) + " simple statements");
        ReplayConfig config = ReplayConfig.defaults().withSpeed(Speed.MAX);
        double[][] rate = new double[budget.forks][budget.measurementIterations];
        double[][] serviceP99 = new double[budget.forks][budget.measurementIterations];
        for (int f = 0; f < budget.forks; f++) {
            for (int w = 0; w < budget.warmupIterations; w++) {
                replay(config, target, capture);
            }
            for (int i = 0; i < budget.measurementIterations; i++) {
                ReplayReport r = replay(config, target, capture);
                rate[f][i] = (r.statements() + r.executes()) / r.wallSeconds();
                serviceP99[f][i] = r.service().p99Ms();
            }
        }
        System.out.printf("pglab: replay speed max, %d sessions: %.0f statements/s (round medians %s)%n", sessions,
                Summary.medianOfForkMedians(rate), java.util.Arrays.deepToString(rate));
        return JmhShaped.of(PREFIX + "speedMax", "thrpt")
                .params(Map.of("sessions", String.valueOf(sessions)))
                .primary("statements/s", rate)
                .secondary("service.p99", "ms", MetricKind.TIME, serviceP99)
                .build();
    }

    private static ObjectNode offeredRate(Budget budget, ServerTarget target, int rate, double seconds, Path hgrmDir)
            throws java.io.IOException {
        List<ReplayItem> capture = evenCapture(RATE_SESSIONS, rate, seconds);
        RunNotes.fixture("replay-even-" + rate + "ps-" + seconds + "s",
                "ScriptedCapture: " + RATE_SESSIONS + " sessions, " + rate + " statements/s in total, evenly spaced, " + seconds + " s");
        ReplayConfig config = ReplayConfig.defaults();
        double[][] p50 = new double[budget.forks][budget.measurementIterations];
        double[][] p99 = new double[budget.forks][budget.measurementIterations];
        double[][] p999 = new double[budget.forks][budget.measurementIterations];
        Histogram all = new Histogram(3);
        all.setAutoResize(true);
        for (int f = 0; f < budget.forks; f++) {
            for (int w = 0; w < budget.warmupIterations; w++) {
                replay(config, target, capture);
            }
            for (int i = 0; i < budget.measurementIterations; i++) {
                ReplayReport r = replay(config, target, capture);
                p50[f][i] = r.lateness().p50Ms();
                p99[f][i] = r.lateness().p99Ms();
                p999[f][i] = r.lateness().p999Ms();
                if (r.statements() != capture.stream().filter(x -> x instanceof ReplayItem.Statement).count() || r.errors() > 0) {
                    throw new IllegalStateException("the offered-rate replay ran " + r.statements() + " statements with "
                            + r.errors() + " errors: " + r.errorsBySqlState());
                }
                all.add(r.histograms().lateness());
            }
        }
        LatencyRecorder.writeHgrm(all, hgrmDir.resolve("replay-lateness-" + rate + "ps.hgrm"));
        System.out.printf("pglab: replay at %d statements/s offered: lateness p50 %.3f p99 %.3f p99.9 %.3f ms%n", rate,
                Summary.medianOfForkMedians(p50), Summary.medianOfForkMedians(p99), Summary.medianOfForkMedians(p999));
        return JmhShaped.of(PREFIX + "offeredRate", "sample")
                .params(Map.of("rate", String.valueOf(rate), "sessions", String.valueOf(RATE_SESSIONS)))
                .primary("ms", p99)
                .secondary("lateness.p50", "ms", MetricKind.TIME, p50)
                .secondary("lateness.p99.9", "ms", MetricKind.TIME, p999)
                .build();
    }

    /** {@code sessions} sessions sharing {@code rate} statements per second, evenly spaced and interleaved. */
    static List<ReplayItem> evenCapture(int sessions, int rate, double seconds) {
        ScriptedCapture capture = new ScriptedCapture();
        double perSessionPeriod = 1000.0 * sessions / rate;
        int perSession = (int) Math.round(seconds * 1000 / perSessionPeriod);
        for (int s = 0; s < sessions; s++) {
            ScriptedCapture.Session session = capture.session("even." + s, "app", "appdb");
            double offset = s * 1000.0 / rate;
            session.connect(0);
            for (int k = 0; k < perSession; k++) {
                session.statement(CONNECT_LEAD_MS + offset + k * perSessionPeriod, "select " + k);
            }
            session.disconnect(CONNECT_LEAD_MS + seconds * 1000 + 10);
        }
        return capture.items();
    }

    static ReplayReport replay(ReplayConfig config, ServerTarget target, List<ReplayItem> capture) {
        return new Replay(config, target, List.of()).run(ReplaySource.of(capture, "synthetic"));
    }

}
