package dev.pglab.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compare page from a real compare.json (pglab replay compare, B with index and bitmap scans off). */
class ComparePageTest {

    @Test
    void theSlowerLookupLeadsTheChangeChartAndHasItsTwoDistributions(@TempDir Path dir) throws Exception {
        try (var in = ComparePageTest.class.getResourceAsStream("/compare/compare.json")) {
            Files.copy(in, dir.resolve(ComparePage.FILE));
        }
        String html = Files.readString(ComparePage.write(dir));
        int lookup = html.indexOf("data-key=\"select id, pad from big where id = $1\"");
        int sum = html.indexOf("data-key=\"select sum(v) from other\"");
        assertThat(lookup).isPositive();
        assertThat(sum).isGreaterThan(lookup);
        // SLOWER is drawn in the chart's regression row colour, SAME as a pass
        assertThat(html.substring(html.lastIndexOf("<tr", lookup), lookup)).contains("REGRESSION");
        assertThat(html.substring(html.lastIndexOf("<tr", sum), sum)).contains("PASS");
        assertThat(html).contains("Latency distributions of the top movers", "<svg", "enable_indexscan");
    }

    @Test
    void aFileThatIsNotACompareResultIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ComparePage.FILE), "{\"schema\":\"pglab-replay-timeline/1\"}");
        assertThatThrownBy(() -> ComparePage.write(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("compare.json").hasMessageContaining("expected pglab-replay-compare/1");
    }
}
