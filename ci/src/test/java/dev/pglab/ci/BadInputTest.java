package dev.pglab.ci;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pglab.harness.result.BenchmarkKey;
import dev.pglab.harness.result.ResultReader;
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
    void aKeyIdThatIsNotOneSaysTheExpectedShape() {
        assertThatThrownBy(() -> BenchmarkKey.parse("just-a-name")).hasMessageContaining("bench|k=v,...|mode");
    }
}
