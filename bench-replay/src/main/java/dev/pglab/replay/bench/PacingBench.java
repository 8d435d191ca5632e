package dev.pglab.replay.bench;

import dev.pglab.harness.jmh.InjectedSlowdown;
import dev.pglab.parser.ReplayItem;
import dev.pglab.replay.Replay;
import dev.pglab.replay.ReplayConfig;
import dev.pglab.replay.ReplayMode;
import dev.pglab.replay.ReplayReport;
import dev.pglab.replay.ReplaySource;
import dev.pglab.replay.Speed;
import dev.pglab.harness.result.RunNotes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The replay machinery's own cost, without a server: items per second through the reader (schedule, look-ahead,
 * session lookup) and the per-session virtual threads (queue hand-off, due-time wait) into a no-op sink, at speed
 * max. One invocation replays the whole fixture: {@value #ITEMS} items over {@code sessions} sessions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PacingBench {
    static final int ITEMS = 100_000;

    @Param({"10", "1000"})
    public int sessions;

    @Param({"SESSION", "SERIAL"})
    public ReplayMode mode;

    private List<ReplayItem> items;
    private ReplayConfig config;
    /** A known slowdown for calibrating the A/B gate (-Dpglab.ab.slowdown, head side only); nothing otherwise. */
    final InjectedSlowdown slowdown = new InjectedSlowdown();

    @Setup(Level.Trial)
    public void capture() {
        items = syntheticCapture(sessions, ITEMS / sessions - 2);
        config = ReplayConfig.defaults().withSpeed(Speed.MAX).withMode(mode);
        RunNotes.fixture("replay-synthetic-" + sessions + "x" + ITEMS / sessions,
                "ScriptedCapture: " + sessions + " sessions x " + ITEMS / sessions + " statements, 1 ms apart, interleaved");
    }

    /** {@code sessions} sessions, each a connect, {@code perSession} statements 1 ms apart, a disconnect (log order). */
    static List<ReplayItem> syntheticCapture(int sessions, int perSession) {
        ScriptedCapture capture = new ScriptedCapture();
        for (int s = 0; s < sessions; s++) {
            ScriptedCapture.Session session = capture.session("6745a3f1." + Integer.toHexString(0x1000 + s), "app", "appdb");
            session.connect(0);
            for (int k = 0; k < perSession; k++) {
                session.statement(k + s / (double) sessions, "select " + k + " /* s" + s + " */");
            }
            session.disconnect(perSession + 1);
        }
        return capture.items();
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long dispatchToNoOpSink(Blackhole bh) {
        Replay replay = Replay.dryRun(config, (id, item, due, start) -> bh.consume(item));
        ReplayReport report = replay.run(ReplaySource.of(items, "synthetic"));
        long delivered = report.dryRunItems();
        slowdown.tick();
        if (delivered != items.size()) {
            throw new IllegalStateException("the dry run delivered " + delivered + " of " + items.size() + " items");
        }
        return delivered;
    }
}
