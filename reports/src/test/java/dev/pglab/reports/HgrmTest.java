package dev.pglab.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pglab.harness.measure.LatencyRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HgrmTest {

    @Test
    void readsWhatTheHarnessWrites(@TempDir Path dir) throws IOException {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 1; i <= 1000; i++) {
            long t0 = System.nanoTime();
            Files.exists(dir.resolve("f" + i)); // a real, tiny operation
            r.record(System.nanoTime() - t0);
        }
        Path f = dir.resolve("x.hgrm");
        LatencyRecorder.writeHgrm(r.snapshot(), f);
        Hgrm h = Hgrm.read(f);
        assertThat(h.points()).isNotEmpty();
        assertThat(h.points()).allSatisfy(p -> assertThat(p[2]).isCloseTo(1 / (1 - p[1]), org.assertj.core.data.Offset.offset(1e-6 * p[2])));
        assertThat(h.footer().replaceAll("\\s+", "")).contains("Totalcount=1000");
        for (int i = 1; i < h.points().size(); i++) {
            assertThat(h.points().get(i)[0]).isGreaterThanOrEqualTo(h.points().get(i - 1)[0]);
        }
    }

    @Test
    void aBrokenRowNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.hgrm");
        Files.writeString(f, "       Value     Percentile TotalCount 1/(1-Percentile)\n\n  0.1 0.5 10 2.0\n  oops 0.9\n");
        assertThatThrownBy(() -> Hgrm.read(f)).hasMessageContaining(f + ":4");
    }

    @Test
    void percentileLabelsReadAsPercentiles() {
        PercentileFormat p = new PercentileFormat();
        assertThat(p.format(1.0)).isEqualTo("0%");
        assertThat(p.format(10.0)).isEqualTo("90%");
        assertThat(p.format(1000.0)).isEqualTo("99.9%");
    }
}
