package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.fuzz.AllocationMeter;
import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.StandardWorkload;
import dev.pglab.fixtures.logs.SyntheticLog;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The counting path allocates at most 64 bytes per item (the budget; the same quantity JMH's
 * gc.alloc.rate.norm reports, measured here on the parsing thread, after two warm-up parses so the JIT's escape
 * analysis has run). Per item means the marginal cost: (bytes at 64 MB - bytes at 32 MB) / (items at 64 MB -
 * items at 32 MB) of the standard capture scaled up, so the fixed cost of a parse (the 1 MB read buffer, the
 * name cache) is not spread over the items of a small file; on the 1 GB file of ParserBench that fixed part is
 * about 1 byte per item. The item path is measured beside it and printed, for comparison. Load does not change
 * these figures.
 */
class CountingAllocationIT {

    @ParameterizedTest
    @ValueSource(strings = {"stderr", "csv", "json"})
    void countingAllocatesAtMost64BytesPerItem(String format) throws Exception {
        CapturedLogs capture = StandardWorkload.DEFAULT.capture();
        Cost small = cost(SyntheticLog.of(capture, format, 32L << 20));
        Cost large = cost(SyntheticLog.of(capture, format, 64L << 20));
        long items = large.items - small.items;
        double countPerItem = (double) (large.counted - small.counted) / items;
        double parsePerItem = (double) (large.parsed - small.parsed) / items;
        System.out.printf("allocation %s: %d items in 64 MB: count %.1f B/item (%.1f with fixed costs), "
                        + "parse %.1f B/item (%.1f)%n", format, large.items, countPerItem,
                (double) large.counted / large.items, parsePerItem, (double) large.parsed / large.items);
        assertThat(countPerItem).as("bytes per item on the counting path (%s)", format).isLessThanOrEqualTo(64);
    }

    private record Cost(long items, long counted, long parsed) {
    }

    private static Cost cost(Path file) {
        LogParser parser = new LogParser(ParserOptions.defaults());
        for (int warm = 0; warm < 2; warm++) {
            parser.count(file, b -> { });
            parser.parse(file, item -> { });
        }
        ParseSummary[] s = new ParseSummary[2];
        AllocationMeter.Measured counted = AllocationMeter.measure(() -> s[0] = parser.count(file, b -> { }));
        AllocationMeter.Measured parsed = AllocationMeter.measure(() -> s[1] = parser.parse(file, item -> { }));
        assertThat(counted.thrown()).isNull();
        assertThat(parsed.thrown()).isNull();
        assertThat(s[0].items()).isEqualTo(s[1].items());
        return new Cost(s[0].items(), counted.allocatedBytes(), parsed.allocatedBytes());
    }
}
