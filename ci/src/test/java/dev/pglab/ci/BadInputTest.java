package dev.pglab.ci;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unreadable inputs fail with the file, the place and what was expected. */
class BadInputTest {

    @Test
    void aResultEntryWithoutAPrimaryMetricNamesTheFileAndTheEntry(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bench-x.json");
        Files.writeString(f, """
                {"schema":"pglab-result/1","envelope":{"module":"bench-x"},
                 "jmh":[{"benchmark":"a.B.c","mode":"avgt","params":{}}],"extra":[]}
                """);
        assertThatThrownBy(() -> ResultReader.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("jmh[0]").hasMessageContaining("a.B.c")
                .hasMessageContaining("primaryMetric");
    }

    @Test
    void aFileThatIsNotAResultFileSaysWhatWasExpected(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("other.json");
        Files.writeString(f, "{\"schema\":\"something-else\"}");
        assertThatThrownBy(() -> ResultReader.read(f)).hasMessageContaining(f.toString()).hasMessageContaining("pglab-result/1");
    }

    @Test
    void aMalformedBaselineNamesTheFileAndTheLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bench-x.json");
        Files.writeString(f, "{\n  \"schema\": \"pglab-baseline/1\",\n  \"benchmarks\": {,\n}\n");
        assertThatThrownBy(() -> BaselineStore.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("line 3");
    }

    @Test
    void aMalformedHistoryLineNamesItsNumber(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("fp.jsonl");
        Files.writeString(f, "{\"commit\":\"a\",\"keys\":{}}\n{broken\n");
        assertThatThrownBy(() -> History.read(f)).hasMessageContaining(f + ":2");
    }

    @Test
    void aNaNBytesPerOpIsAnErrorNotAPass(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bench-x.json");
        Files.writeString(f, """
                {"schema":"pglab-result/1","envelope":{"module":"bench-x"},
                 "jmh":[{"benchmark":"a.B.c","mode":"avgt","params":{},
                   "primaryMetric":{"scoreUnit":"ns/op","rawData":[[1.0,2.0]]},
                   "secondaryMetrics":{"gc.alloc.rate.norm":{"scoreUnit":"B/op","rawData":[["NaN","NaN"]]}}}],"extra":[]}
                """);
        assertThatThrownBy(() -> ResultReader.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("gc.alloc.rate.norm").hasMessageContaining("NaN");
    }

    @Test
    void aBaselineWithoutBenchmarksIsAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bench-x.json");
        Files.writeString(f, "{\"schema\": \"pglab-baseline/1\", \"module\": \"bench-x\"}");
        assertThatThrownBy(() -> BaselineStore.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("\"benchmarks\"");
    }

    @Test
    void aMissingResultsDirectoryIsAnErrorAndGateJsonIsKept(@TempDir Path root) throws Exception {
        Path gateJson = root.resolve("gate.json");
        Files.writeString(gateJson, "{\"kept\": true}");
        GateOptions o = GateOptions.defaults(root).withResults(root.resolve("no-such-dir")).withGateJson(gateJson);
        assertThatThrownBy(() -> new GateRun(o, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).run())
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("no-such-dir");
        org.assertj.core.api.Assertions.assertThat(Files.readString(gateJson)).isEqualTo("{\"kept\": true}");
    }

    @Test
    void malformedResultJsonNamesTheFileAndThePlaceNotRedacted(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bench-x.json");
        Files.writeString(f, "{\"schema\":\"pglab-result/1\",\n \"jmh\": [,]}");
        assertThatThrownBy(() -> ResultReader.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("line 2")
                .hasMessageNotContaining("REDACTED");
    }

    @Test
    void aKeyIdThatIsNotOneSaysTheExpectedShape() {
        assertThatThrownBy(() -> BenchmarkKey.parse("just-a-name")).hasMessageContaining("bench|k=v,...|mode");
    }
}
