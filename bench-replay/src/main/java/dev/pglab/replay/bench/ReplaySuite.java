package dev.pglab.replay.bench;

import dev.pglab.harness.jmh.PacedArm;
import dev.pglab.harness.jmh.PacedArm.MetricSpec;
import dev.pglab.harness.jmh.PacedArm.Sample;
import dev.pglab.harness.jmh.PacedPlan;
import dev.pglab.harness.jmh.PacedSuite;
import dev.pglab.harness.measure.LatencyRecorder;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.result.LabSettings;
import dev.pglab.harness.result.MetricKind;
import dev.pglab.harness.result.RunNotes;
import dev.pglab.parser.ReplayItem;
import dev.pglab.replay.Replay;
import dev.pglab.replay.ReplayConfig;
import dev.pglab.replay.ReplayMode;
import dev.pglab.replay.ReplayReport;
import dev.pglab.replay.ReplaySource;
import dev.pglab.replay.ServerTarget;
import dev.pglab.replay.Speed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * End-to-end replay against the embedded server, measured the paced way (each item stamped with its scheduled
 * time, as wrk2 and real-logic's LoadTestRig do), run by PacedRunner: every arm in forked JVMs of its own, each
 * with its own server, arms rotated between rounds.
 * <ul>
 * <li>{@code speedMax}: sustained statements per second at {@code --speed max} with 10, 100 and (outside smoke)
 * 1,000 sessions;</li>
 * <li>{@code offeredRate}: lateness p50/p99/p99.9 of 50 sessions at two fixed offered rates, speed 1;</li>
 * <li>{@code stall}: the stall experiment in both modes (see {@link StallExperiment}).</li>
 * </ul>
 * Each iteration is a fresh replay with fresh connections. Lateness distributions go to
 * {@code target/pglab/hgrm/} (the last fork's measured iterations of each arm).
 */
public final class ReplaySuite implements PacedSuite {
    static final String PREFIX = ReplaySuite.class.getName() + ".";
    static final int RATE_SESSIONS = 50;
    /** Sessions connect this long before their first statement, so connection set-up is not in the lateness. */
    static final int CONNECT_LEAD_MS = 1000;
    private static final int[] RATES = {500, 2_000};

    @Override
    public List<PacedArm> arms(LabSettings settings, PacedPlan plan) {
        List<PacedArm> arms = new ArrayList<>();
        for (int sessions : plan.proofOnly() ? new int[] {10, 100} : new int[] {10, 100, 1000}) {
            arms.add(new PacedArm(PREFIX + "speedMax", Map.of("sessions", String.valueOf(sessions)), "thrpt",
                    "statements/s", List.of(new MetricSpec("service.p99", "ms", MetricKind.TIME))));
        }
        for (int rate : RATES) {
            arms.add(new PacedArm(PREFIX + "offeredRate", Map.of("rate", String.valueOf(rate), "sessions",
                    String.valueOf(RATE_SESSIONS)), "sample", "ms", List.of(
                    new MetricSpec("lateness.p50", "ms", MetricKind.TIME),
                    new MetricSpec("lateness.p99.9", "ms", MetricKind.TIME))));
        }
        for (ReplayMode mode : ReplayMode.values()) {
            arms.add(StallExperiment.arm(mode));
        }
        return arms;
    }

    @Override
    public Subject open(PacedArm arm, LabSettings settings, PacedPlan plan, Path workDir) throws Exception {
        PgServer server = PgServer.start(PgServerConfig.embedded());
        try {
            ServerTarget target = ServerTarget.of(server, true);
            Subject measure = switch (arm.benchmark().substring(PREFIX.length())) {
                case "speedMax" -> speedMax(target, Integer.parseInt(arm.params().get("sessions")), plan);
                case "offeredRate" -> offeredRate(target, Integer.parseInt(arm.params().get("rate")), plan,
                        settings.layout().hgrm());
                case "stall" -> StallExperiment.subject(target, ReplayMode.valueOf(arm.params().get("mode")
                        .toUpperCase(Locale.ROOT)), plan, settings.layout());
                default -> throw new IllegalArgumentException("ReplaySuite has no arm " + arm.id());
            };
            return new Subject() {
                @Override
                public Sample measure(boolean warmup) throws Exception {
                    return measure.measure(warmup);
                }

                @Override
                public void close() throws Exception {
                    try (server) {
                        measure.close();
                    }
                }
            };
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private static Subject speedMax(ServerTarget target, int sessions, PacedPlan plan) {
        // about 3 s per replay at the ~2-3 thousand statements/s two shared cores sustain; half that to prove it runs
        int items = plan.proofOnly() ? 5_000 : 10_000;
        int perSession = Math.max(1, items / sessions - 2);
        List<ReplayItem> capture = PacingBench.syntheticCapture(sessions, perSession);
        RunNotes.fixture("replay-synthetic-" + sessions + "x" + perSession,
                "ScriptedCapture: " + sessions + " sessions x " + perSession + " simple statements");
        ReplayConfig config = ReplayConfig.defaults().withSpeed(Speed.MAX);
        return warmup -> {
            ReplayReport r = replay(config, target, capture);
            return new Sample((r.statements() + r.executes()) / r.wallSeconds(), Map.of("service.p99", r.service().p99Ms()));
        };
    }

    private static Subject offeredRate(ServerTarget target, int rate, PacedPlan plan, Path hgrmDir) {
        double seconds = plan.proofOnly() ? 2 : 5;
        List<ReplayItem> capture = evenCapture(RATE_SESSIONS, rate, seconds);
        long statements = capture.stream().filter(x -> x instanceof ReplayItem.Statement).count();
        RunNotes.fixture("replay-even-" + rate + "ps-" + seconds + "s",
                "ScriptedCapture: " + RATE_SESSIONS + " sessions, " + rate + " statements/s in total, evenly spaced, " + seconds + " s");
        ReplayConfig config = ReplayConfig.defaults();
        Histogram all = new Histogram(3);
        all.setAutoResize(true);
        return new Subject() {
            @Override
            public Sample measure(boolean warmup) {
                ReplayReport r = replay(config, target, capture);
                if (r.statements() != statements || r.errors() > 0) {
                    throw new IllegalStateException("the offered-rate replay ran " + r.statements() + " statements with "
                            + r.errors() + " errors: " + r.errorsBySqlState());
                }
                if (!warmup) {
                    all.add(r.histograms().lateness());
                }
                return new Sample(r.lateness().p99Ms(), Map.of("lateness.p50", r.lateness().p50Ms(),
                        "lateness.p99.9", r.lateness().p999Ms()));
            }

            @Override
            public void close() throws java.io.IOException {
                LatencyRecorder.writeHgrm(all, hgrmDir.resolve("replay-lateness-" + rate + "ps.hgrm"));
            }
        };
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
