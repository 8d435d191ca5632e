package dev.pglab.replay.bench;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.LogCapture;
import dev.pglab.fixtures.logs.SyntheticLog;
import dev.pglab.harness.result.Metric;
import dev.pglab.harness.result.MetricKind;
import dev.pglab.harness.result.RunNotes;
import dev.pglab.parser.LogParser;
import dev.pglab.parser.ParserOptions;
import dev.pglab.replay.Replay;
import dev.pglab.replay.ReplayConfig;
import dev.pglab.replay.ReplayReport;
import dev.pglab.replay.ReplaySource;
import dev.pglab.replay.ReplaySources;
import dev.pglab.replay.Speed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A real capture scaled to {@value #BYTES} bytes (fixtures' SyntheticLog of the standard capture), read through
 * bench-parser lazily and dispatched to per-session threads at speed max into a no-op sink: what the replay's input
 * side sustains before any server is involved. {@code parseOnly} (the same parser into a Blackhole) runs in the
 * same trial as the reference. One operation = one pass over the file; the {@code items} counter gives items/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseToDispatchBench {
    static final long BYTES = 20L << 20;

    @Param({"stderr", "csv"})
    public String format;

    private Path file;
    private long items;
    private long fileBytes;

    /** Items (and bytes) per second, next to passes per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        @Metric(MetricKind.OTHER)
        public long items;
        @Metric(MetricKind.OTHER)
        public long bytes;
    }

    @Setup(Level.Trial)
    public void fixture() throws Exception {
        CapturedLogs capture = LogCapture.standard();
        file = SyntheticLog.of(capture, format, BYTES);
        fileBytes = Files.size(file);
        items = new LogParser(ParserOptions.defaults()).parse(file, item -> { }).items();
        RunNotes.fixture(SyntheticLog.fixtureId(capture, format, BYTES), "the standard capture repeated to "
                + BYTES + " bytes of " + format + " (" + items + " items, " + Files.size(file) + " bytes)");
    }

    @Benchmark
    public long parseOnly(Blackhole bh, Counters c) {
        long n = new LogParser(ParserOptions.defaults()).parse(file, bh::consume).items();
        check(n);
        c.items += n;
        c.bytes += fileBytes;
        return n;
    }

    @Benchmark
    public long parseAndDispatch(Blackhole bh, Counters c) throws Exception {
        try (ReplaySource source = ReplaySources.open(file, Optional.of(format))) {
            ReplayReport r = Replay.dryRun(ReplayConfig.defaults().withSpeed(Speed.MAX),
                    (id, item, due, start) -> bh.consume(item)).run(source);
            check(r.dryRunItems());
            c.items += r.dryRunItems();
            c.bytes += fileBytes;
            return r.dryRunItems();
        }
    }

    private void check(long n) {
        if (n != items) {
            throw new IllegalStateException("a pass over " + file + " gave " + n + " items, expected " + items);
        }
    }
}
