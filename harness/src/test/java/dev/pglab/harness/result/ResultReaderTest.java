package dev.pglab.harness.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pglab.harness.jmh.JmhShaped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kind of a metric is what its producer declared; only files written before declarations get the old guess. */
class ResultReaderTest {

    private static String entry(String secondary) {
        return """
                {"benchmark":"a.B.c","mode":"avgt","params":{},
                 "primaryMetric":{"scoreUnit":"ms/op","rawData":[[1,2,3],[4,5,6],[7,8,90]]},
                 "secondaryMetrics":{%s}}""".formatted(secondary);
    }

    private static final String METRICS = """
            "rowsPerOp":{"scoreUnit":"#","rawData":[[10],[10],[10]]},
            "backendCpuMsPerOp":{"scoreUnit":"#","rawData":[[1],[2],[3]]},
            "walBytes":{"scoreUnit":"#","rawData":[[100],[100],[100]]}""";

    private static Path file(Path dir, String envelopeExtra, String jmh) throws IOException {
        Path f = dir.resolve("m.json");
        Files.writeString(f, """
                {"schema":"pglab-result/1","envelope":{"module":"m"%s},"jmh":[%s],"extra":[]}
                """.formatted(envelopeExtra, jmh));
        return f;
    }

    @Test
    void declaredKindsDecideWhatTheGateHolds(@TempDir Path dir) throws IOException {
        KeyResult k = ResultReader.read(file(dir, ",\"metricKinds\":{\"rowsPerOp\":\"time\",\"walBytes\":\"bytes\"}",
                entry(METRICS))).keys().getFirst();
        // a declaration beats any name: rowsPerOp declared a time is not held; walBytes declared bytes is
        assertThat(k.counters()).containsOnlyKeys("walBytes");
        assertThat(k.metrics().get("backendCpuMsPerOp").kind()).isEqualTo(MetricKind.OTHER);
        assertThat(k.forkMedians("backendCpuMsPerOp")).containsExactly(1, 2, 3);
        assertThat(k.median()).isEqualTo(5.0);
    }

    @Test
    void anOldFileWithoutKindsGatesAsItAlwaysDid(@TempDir Path dir) throws IOException {
        KeyResult k = ResultReader.read(file(dir, "", entry(METRICS))).keys().getFirst();
        assertThat(k.counters()).containsOnlyKeys("rowsPerOp");
        assertThat(k.metrics().get("backendCpuMsPerOp").kind()).isEqualTo(MetricKind.TIME);
        assertThat(MetricKind.guessedForOldFiles("sharedHits", "hits/op")).isEqualTo(MetricKind.COUNTER);
        assertThat(MetricKind.guessedForOldFiles("backendCpuUsPerOp", "#")).isEqualTo(MetricKind.TIME);
        assertThat(MetricKind.guessedForOldFiles("gc.alloc.rate.norm", "B/op")).isEqualTo(MetricKind.OTHER);
    }

    @Test
    void aPacedSuitesMetricCarriesItsOwnKind(@TempDir Path dir) throws IOException {
        String shaped = JmhShaped.of("a.B.c", "avgt").primary("ms", new double[][] {{1}, {2}, {3}})
                .secondary("statementsPerRound", "#", MetricKind.COUNTER, new double[][] {{5}, {5}, {5}})
                .secondary("lateness.p99", "ms", MetricKind.TIME, new double[][] {{5}, {6}, {7}}).build().toString();
        KeyResult k = ResultReader.read(file(dir, ",\"metricKinds\":{}", shaped)).keys().getFirst();
        assertThat(k.counters()).containsOnlyKeys("statementsPerRound");
        assertThat(k.metrics().get("lateness.p99").kind()).isEqualTo(MetricKind.TIME);
    }

    @Test
    void unreadableFilesAreOneExceptionNamingTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\n \"schema\": ,\n}");
        assertThatThrownBy(() -> ResultReader.read(f)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("line 2")
                .satisfies(e -> assertThat(((ResultFileException) e).file()).isEqualTo(f));
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"schema\":\"x\"}");
        assertThatThrownBy(() -> ResultReader.read(other)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("pglab-result/1");
    }
}
