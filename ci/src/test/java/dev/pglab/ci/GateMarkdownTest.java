package dev.pglab.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict table as a pull-request comment shows it. */
class GateMarkdownTest {

    private static KeyVerdict ab(String name, Verdict v, double ratio, double low, double high, double detectable, String why) {
        return new KeyVerdict("bench-parser", "x." + name + "||thrpt", name, "ops/s", v, "fp", null, List.of(), null,
                new KeyVerdict.AbCheck(v, ratio, low, high, 0.0039, 0.10, 8, v == Verdict.REGRESSION, new double[] {ratio},
                        detectable, "all 8 rounds"), null, List.of(why));
    }

    private static GateReport report() {
        var alloc = new KeyVerdict("bench-walstream", "x.Decode||thrpt", "DecodeBench.decode(decoder=records) [thrpt]",
                "ops/s", Verdict.PASS, "fp", new KeyVerdict.AllocCheck(Verdict.PASS, 48, 48, 64.96, 0, 1), List.of(), null, null,
                null, List.of());
        return GateReport.of("2026-12-02T07:00:00Z", "0123456789abcdef0123", "amd64-x-2c-8g-jdk25", "ab", "compare",
                List.of(ab("ParserBench.parseSequential(format=csv)", Verdict.REGRESSION, 1.52, 1.41, 1.60, 0.12,
                                "slower: x1.52 | rerun agrees"),
                        ab("PacingBench.dispatch", Verdict.PASS, 0.99, 0.95, 1.03, 0.14, "decided early"),
                        ab("CdcScanBench.scan", Verdict.INCONCLUSIVE, 1.02, 0.70, 1.40, Double.POSITIVE_INFINITY,
                                "interval wider than 2T\nsecond line"),
                        alloc),
                List.of("A/B against parent commit HEAD~1 abc: 3 sentinel key(s)"));
    }

    @Test
    void rendersAHeadlineATableRowPerKeyAndTheNotes() {
        String md = GateMarkdown.render(report());
        List<String> lines = md.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("### pglab gate: REGRESSION");
        assertThat(md).contains("1 REGRESSION, 1 INCONCLUSIVE, 2 PASS · policy `ab` · machine `amd64-x-2c-8g-jdk25` · commit `0123456789ab`");
        List<String> rows = lines.stream().filter(l -> l.startsWith("| ")).toList();
        assertThat(rows).hasSize(1 + 4); // header + one per key
        assertThat(lines).contains("|---|---|---|---|---|---|---|---|");
        // REGRESSION first, in bold, with its ratio, interval, rounds and detectable slowdown
        assertThat(rows.get(1)).startsWith("| **REGRESSION** | bench-parser | ParserBench.parseSequential(format=csv) | "
                + "x1.520 [1.410, 1.600], p=0.00390, 8 rounds | ≥ 12 % |");
        // a pipe inside a reason is escaped, a line break flattened: every row has the same number of cells
        assertThat(rows.get(1)).contains("slower: x1.52 \\| rerun agrees");
        assertThat(rows).allSatisfy(r -> assertThat(r.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(9));
        assertThat(md).contains("_INCONCLUSIVE_").contains("| none |").contains("interval wider than 2T second line");
        assertThat(md).contains("48.0 → 48.0");
        assertThat(lines.getLast()).isEqualTo("- A/B against parent commit HEAD~1 abc: 3 sentinel key(s)");
    }

    @Test
    void survivesTheRoundTripThroughGateJsonIncludingAnInfiniteDetectableSlowdown(@TempDir Path dir) throws Exception {
        GateReport r = report();
        r.write(dir.resolve("gate.json"));
        GateReport back = GateReport.read(dir.resolve("gate.json"));
        assertThat(GateMarkdown.render(back)).isEqualTo(GateMarkdown.render(r));
    }

    @Test
    void anEmptyGateSaysNothingWasGated() {
        String md = GateMarkdown.render(GateReport.of("t", "c", "fp", "fail", "compare", List.of(), List.of("A/B NOT RUN: why")));
        assertThat(md).startsWith("### pglab gate: no regression").contains("_No results were gated._").contains("- A/B NOT RUN: why");
    }
}
