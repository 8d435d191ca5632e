package dev.pglab.parser.bench;

import dev.pglab.harness.jmh.InjectedSlowdown;
import dev.pglab.harness.jmh.Reference;
import dev.pglab.parser.LogParser;
import dev.pglab.parser.ParseSummary;
import dev.pglab.parser.ParserOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The parser's throughput per format, sequential and parallel, on a real capture and on the capture scaled to
 * 1 GB, beside the limit: reading the same bytes into a Blackhole through the same kind of stream. One op is one
 * whole file; the {@link ParseCounters} give bytes/s and items/s; gc.alloc.rate.norm divided by the items per op
 * (in the run notes) gives bytes allocated per item. Every op checks its item count against a reference parse.
 * {@code parse*} build every item (SQL and parameters decoded to Strings); {@code count*} run the counting path
 * ({@link LogParser#count}, what {@code pglab parse} runs) that frames and interprets the same entries but decodes
 * no text. {@code *Parallel} use {@link ParserOptions#parallel()}, which takes only the cores that are free.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBench {

    @Param({"stderr", "csv", "json"})
    public String format;

    @Param({"capture", "1g"})
    public String size;

    private LogInput input;
    private LogParser sequential;
    private LogParser parallel;
    private byte[] readBuffer;
    /** A known slowdown for calibrating the A/B gate (-Dpglab.ab.slowdown, head side only); nothing otherwise. */
    final InjectedSlowdown slowdown = new InjectedSlowdown();

    @Setup
    public void setup() throws IOException {
        input = LogInput.of(format, size);
        sequential = new LogParser(ParserOptions.defaults());
        parallel = new LogParser(ParserOptions.defaults().parallel());
        readBuffer = new byte[ParserOptions.defaults().bufferBytes()];
    }

    @Benchmark
    public ParseSummary parseSequential(Blackhole bh, ParseCounters counters) {
        ParseSummary s = sequential.parse(input.file(), bh::consume);
        slowdown.tick();
        input.check(s.items());
        counters.bytes += s.bytes();
        counters.items += s.items();
        return s;
    }

    @Benchmark
    public ParseSummary parseParallel(Blackhole bh, ParseCounters counters) {
        ParseSummary s = parallel.parse(input.file(), bh::consume);
        input.check(s.items());
        counters.bytes += s.bytes();
        counters.items += s.items();
        return s;
    }

    @Benchmark
    public ParseSummary countSequential(ParseCounters counters) {
        ParseSummary s = sequential.count(input.file(), bytes -> { });
        input.check(s.items());
        counters.bytes += s.bytes();
        counters.items += s.items();
        return s;
    }

    @Benchmark
    public ParseSummary countParallel(ParseCounters counters) {
        ParseSummary s = parallel.count(input.file(), bytes -> { });
        input.check(s.items());
        counters.bytes += s.bytes();
        counters.items += s.items();
        return s;
    }

    /** The limit: the same bytes read through the same stream into the same size of buffer, and consumed. */
    @Benchmark
    @Reference("reading the same bytes")
    public long readBytes(Blackhole bh, ParseCounters counters) throws IOException {
        long total = 0;
        try (InputStream in = Files.newInputStream(input.file())) {
            int n;
            while ((n = in.read(readBuffer)) > 0) {
                bh.consume(readBuffer);
                total += n;
            }
        }
        if (total != input.bytes()) {
            throw new IllegalStateException("read " + total + " bytes of " + input.bytes());
        }
        counters.bytes += total;
        return total;
    }
}
