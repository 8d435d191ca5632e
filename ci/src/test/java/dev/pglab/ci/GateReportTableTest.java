package dev.pglab.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate's console table: every key whole (two long keys never look alike), no scientific notation. */
class GateReportTableTest {

    @Test
    void longKeysAreNeverCutAndLargeNumbersAreNotScientific() {
        String prefix = "DecodeBench.debeziumStyleDecodeOfAWideTableWithManyColumns(fixture=wide-50,scenario=";
        List<KeyVerdict> verdicts = List.of(
                key(prefix + "insert-only) [thrpt]", 2.199e7, 2.892e7),
                key(prefix + "update-only) [thrpt]", 1.055e-3, 26.199));
        GateReport report = GateReport.of("2026-12-02T00:00:00Z", "abc", "fp", "warn", "compare", verdicts, List.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.printTable(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).contains(prefix + "insert-only) [thrpt]", prefix + "update-only) [thrpt]");
        assertThat(table).doesNotContainPattern("(^|[^\\w.])\\d+(\\.\\d+)?[eE][-+]?\\d+(?![\\w.])");
        assertThat(table).contains("x1.32", "26 B");
    }

    private static KeyVerdict key(String name, double base, double cur) {
        return new KeyVerdict("bench-walstream", name, name, "ops/s", Verdict.PASS, "fp",
                new KeyVerdict.AllocCheck(Verdict.PASS, base < 1 ? base : 24, base < 1 ? cur : 24, 40, 0, 3), null,
                new KeyVerdict.TimingCheck(Verdict.PASS, "SAME", base, cur, cur / base, Double.NaN, Double.NaN, 0.1, true,
                        0.2, 0, false), null, null, List.of());
    }
}
