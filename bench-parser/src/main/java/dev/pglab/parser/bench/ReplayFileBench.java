package dev.pglab.parser.bench;

import dev.pglab.harness.jmh.InjectedSlowdown;
import dev.pglab.parser.LogParser;
import dev.pglab.parser.ParseSummary;
import dev.pglab.parser.ParserOptions;
import dev.pglab.parser.ReplayFileReader;
import dev.pglab.parser.ReplayFileWriter;
import dev.pglab.harness.result.RunNotes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading the binary replay file back against reparsing the log it came from: the same items either way.
 * Items/s is the comparable rate (the two inputs differ in size).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReplayFileBench {

    @Param({"stderr", "csv"})
    public String format;

    @Param({"capture", "1g"})
    public String size;

    private LogInput input;
    private Path replayFile;
    private LogParser parser;
    /** A known slowdown for calibrating the A/B gate (-Dpglab.ab.slowdown, head side only); nothing otherwise. */
    final InjectedSlowdown slowdown = new InjectedSlowdown();

    @Setup
    public void setup() throws IOException {
        input = LogInput.of(format, size);
        parser = new LogParser(ParserOptions.defaults());
        replayFile = Files.createTempFile("pglab-bench", ".replay");
        try (ReplayFileWriter writer = new ReplayFileWriter(replayFile)) {
            parser.parse(input.file(), writer);
            writer.finish();
        }
        RunNotes.note("measurement", Map.of("fixture", input.fixtureId(), "replayFileBytes", Files.size(replayFile),
                "logBytes", input.bytes()));
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(replayFile);
    }

    @Benchmark
    public long readReplayFile(Blackhole bh, ParseCounters counters) throws IOException {
        long items = 0;
        try (ReplayFileReader reader = new ReplayFileReader(replayFile)) {
            while (reader.hasNext()) {
                bh.consume(reader.next());
                items++;
            }
        }
        input.check(items);
        slowdown.tick();
        counters.items += items;
        counters.bytes += Files.size(replayFile);
        return items;
    }

    @Benchmark
    public ParseSummary reparseLog(Blackhole bh, ParseCounters counters) {
        ParseSummary s = parser.parse(input.file(), bh::consume);
        input.check(s.items());
        counters.items += s.items();
        counters.bytes += s.bytes();
        return s;
    }
}
