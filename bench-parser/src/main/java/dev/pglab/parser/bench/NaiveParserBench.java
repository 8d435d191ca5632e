package dev.pglab.parser.bench;

import dev.pglab.harness.jmh.Reference;
import dev.pglab.parser.LogParser;
import dev.pglab.parser.ParseSummary;
import dev.pglab.parser.ParserOptions;
import java.io.IOException;
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
 * The naive reference ({@link NaiveRegexParser}: line split + regex) and the real parser on the same stderr
 * file in the same run, so their ratio is measured side by side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NaiveParserBench {

    /** 64 MB, not 1 GB: the naive parser would need minutes per operation. */
    @Param({"capture", "64m"})
    public String size;

    private LogInput input;
    private LogParser parser;
    /** What the naive parser finds on the file (it does not count failures or durations, only items). */
    private long naiveItems;

    @Setup
    public void setup() throws IOException {
        input = LogInput.of("stderr", size);
        parser = new LogParser(ParserOptions.defaults());
        naiveItems = input.reference().items();
    }

    @Benchmark
    @Reference("the naive regex parser")
    public long naiveRegex(Blackhole bh, ParseCounters counters) throws IOException {
        long items = NaiveRegexParser.parse(input.file(), bh::consume);
        if (items != naiveItems) {
            throw new IllegalStateException("the naive parser found " + items + " items, the parser " + naiveItems);
        }
        counters.bytes += input.bytes();
        counters.items += items;
        return items;
    }

    @Benchmark
    public ParseSummary parser(Blackhole bh, ParseCounters counters) {
        ParseSummary s = parser.parse(input.file(), bh::consume);
        input.check(s.items());
        counters.bytes += s.bytes();
        counters.items += s.items();
        return s;
    }
}
