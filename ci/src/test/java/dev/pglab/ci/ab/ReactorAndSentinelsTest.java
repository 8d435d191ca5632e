package dev.pglab.ci.ab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.ci.BaselineStore;
import dev.pglab.ci.BenchmarkKey;
import dev.pglab.ci.GateConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reactor graph and the sentinel set, read from this repository's own poms. */
class ReactorAndSentinelsTest {
    private static final Path ROOT = Path.of(System.getProperty("pglab.root", "..")).toAbsolutePath().normalize();

    @Test
    void aChangeAffectsItsModuleAndEveryModuleDependingOnIt() throws Exception {
        ReactorModules r = ReactorModules.read(ROOT);
        assertThat(r.affected(List.of("bench-walstream/src/main/java/dev/pglab/wal/PgOutputDecoder.java")))
                .contains("bench-walstream", "bench-cdc", "cli").doesNotContain("bench-parser", "bench-replay", "harness", "ci");
        assertThat(r.affected(List.of("bench-parser/src/main/java/X.java"))).contains("bench-parser", "bench-replay", "cli")
                .doesNotContain("bench-walstream", "bench-cdc");
        assertThat(r.affected(List.of("harness/src/main/java/X.java"))).containsAll(r.modules().keySet());
        assertThat(r.affected(List.of("ci/src/main/java/dev/pglab/ci/Gate.java"))).contains("ci", "cli")
                .doesNotContain("bench-parser", "bench-walstream");
        assertThat(r.affected(List.of("pom.xml"))).containsAll(r.modules().keySet());
        // documentation and files outside every module change no benchmark
        assertThat(r.affected(List.of("README.md", "bench-parser/README.md", ".github/workflows/pglab.yml"))).isEmpty();
    }

    @Test
    void theSentinelsCoverEachEnginesHotPathWithoutAnyResultFile(@TempDir Path emptyBaselines) throws Exception {
        ReactorModules r = ReactorModules.read(ROOT);
        SentinelSet set = SentinelSet.load(r, new BaselineStore(emptyBaselines), "no-such-machine", GateConfig.standard(),
                null, Map.of());
        assertThat(set.byModule().keySet()).contains("bench-parser", "bench-replay", "bench-walstream", "bench-cdc");
        List<String> names = set.byModule().values().stream().flatMap(List::stream).map(BenchmarkKey::benchmark).toList();
        assertThat(names).contains("dev.pglab.parser.bench.ParserBench.parseSequential",
                "dev.pglab.parser.bench.ReplayFileBench.readReplayFile",
                "dev.pglab.replay.bench.PacingBench.dispatchToNoOpSink",
                "dev.pglab.wal.bench.DecodeBench.decode", "dev.pglab.cdc.bench.CdcScanBench.scan");
        assertThat(set.byModule().get("bench-walstream")).extracting(k -> k.params().get("decoder"))
                .contains("flyweight", "records");

        SentinelSet touched = set.only(r.affected(List.of("bench-walstream/src/main/java/X.java")));
        assertThat(touched.byModule().keySet()).containsExactlyInAnyOrder("bench-walstream", "bench-cdc");
        SentinelSet picked = SentinelSet.load(r, new BaselineStore(emptyBaselines), "no-such-machine", GateConfig.standard(),
                "flyweight", Map.of());
        assertThat(picked.size()).isEqualTo(1);
    }

    @Test
    void thresholdsComeFromThisMachinesBaselines() throws Exception {
        ReactorModules r = ReactorModules.read(ROOT);
        SentinelSet set = SentinelSet.load(r, BaselineStore.under(ROOT), "amd64-amd-epyc-2c-24g-jdk25", GateConfig.standard(),
                null, Map.of());
        // the committed A/A noise of the records decoder (aaLogMad 0.146) sets T = 3 x 0.146
        assertThat(set.thresholds().get("dev.pglab.wal.bench.DecodeBench.decode|decoder=records,fixture=captured-narrow|thrpt"))
                .isCloseTo(0.438, org.assertj.core.api.Assertions.within(0.01));
    }
}
