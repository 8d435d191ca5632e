package dev.pglab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.replay.bench.CompareCaptures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pglab replay compare} as a process: its exit codes, its table, compare.json and the page. */
class ReplayCompareCommandIT {

    @Test
    void indexScansOffExitsOneWithTheLookupSlowerAndWritesThePage(@TempDir Path dir) throws Exception {
        Files.copy(CompareCaptures.lookups().stderr(), dir.resolve("postgresql.log"));
        Pglab r = Pglab.run(Map.of(), dir, "replay", "compare", "postgresql.log",
                "--b-set", "enable_indexscan=off,enable_bitmapscan=off", "--rounds", "7", "--out", "cmp");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.BAD_VERDICT);
        assertThat(r.out()).containsPattern("SLOWER +x\\d+.*" + java.util.regex.Pattern.quote(CompareCaptures.LOOKUP));
        assertThat(r.err()).doesNotContain(" INFO ").doesNotContain("\tat ");
        assertThat(Files.readString(dir.resolve("cmp/compare.json"))).contains("pglab-replay-compare/1");
        assertThat(Files.readString(dir.resolve("cmp/index.html"))).contains(CompareCaptures.LOOKUP, "<svg");
    }

    @Test
    void anUnknownSettingIsBadInputInOneLine(@TempDir Path dir) throws Exception {
        Files.copy(CompareCaptures.lookups().stderr(), dir.resolve("postgresql.log"));
        Pglab r = Pglab.run(Map.of(), dir, "replay", "compare", "postgresql.log", "--b-set", "no_such_setting=1");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).contains("pglab replay compare: --b-set no_such_setting: no such setting in pg_settings")
                .doesNotContain("\tat ");
    }
}
