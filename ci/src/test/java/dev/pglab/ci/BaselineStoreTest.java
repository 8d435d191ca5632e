package dev.pglab.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.pglab.harness.result.BenchmarkKey;
import dev.pglab.harness.result.KeyResult;
import dev.pglab.harness.result.RunResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineStoreTest {

    @TempDir
    Path dir;

    @Test
    void anUpdateMeasuredInPartsKeepsTheKeysItDidNotMeasure() throws Exception {
        BaselineStore store = new BaselineStore(dir);
        store.update(run("full", "c1", key("A", 10), key("B", 20)));
        store.update(run("full", "c2", key("B", 21), key("C", 30)));

        Baseline b = BaselineStore.read(store.fileFor("fp", "m"));
        assertThat(b.benchmarks()).containsOnlyKeys(id("A"), id("B"), id("C"));
        assertThat(b.benchmarks().get(id("A")).commit()).isEqualTo("c1");
        assertThat(b.benchmarks().get(id("B")).commit()).isEqualTo("c2");
        assertThat(b.benchmarks().get(id("B")).raw()[0][0]).isEqualTo(21);
        assertThat(b.source().commit()).isEqualTo("c2");
    }

    @Test
    void anUpdateAtAnotherBudgetReplacesTheWholeFile() throws Exception {
        BaselineStore store = new BaselineStore(dir);
        store.update(run("full", "c1", key("A", 10), key("B", 20)));
        store.update(run("quick", "c2", key("C", 30)));

        Baseline b = BaselineStore.read(store.fileFor("fp", "m"));
        assertThat(b.benchmarks()).containsOnlyKeys(id("C"));
        assertThat(b.source().budget()).isEqualTo("quick");
    }

    private static String id(String name) {
        return BenchmarkKey.of("dev.pglab.x.Bench." + name, Map.of(), "thrpt").id();
    }

    private static KeyResult key(String name, double score) {
        return new KeyResult("m", BenchmarkKey.of("dev.pglab.x.Bench." + name, Map.of(), "thrpt"), "ops/s",
                new double[][] {{score, score}, {score, score}, {score, score}}, new double[] {0, 0, 0}, Map.of(),
                List.of());
    }

    private static RunResults run(String budget, String commit, KeyResult... keys) {
        var json = JsonNodeFactory.instance;
        return new RunResults(dir().resolve("m.json"), "m", "fp", json.objectNode(), commit, budget, "t0", "t1",
                List.of(), List.of(keys), json.objectNode(), json.objectNode(), json.arrayNode());
    }

    private static Path dir() {
        return Path.of("target");
    }
}
