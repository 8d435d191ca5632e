package dev.pglab.harness.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pglab.harness.jmh.Budget;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabSettingsTest {

    @Test
    void optionsBecomeKnobsAndValuesMayHoldCommas() {
        LabSettings s = LabSettings.from(Map.of("pglab.options", "pglab.test.scenarios=Baseline,Batch-100,pglab.test.other=x=y"),
                Map.of());
        assertThat(s.knob("pglab.test.scenarios", "")).isEqualTo("Baseline,Batch-100");
        assertThat(s.knob("pglab.test.other", "")).isEqualTo("x=y");
        assertThat(s.knob("pglab.test.absent", "default")).isEqualTo("default");
    }

    @Test
    void forksSeeTheRootTheBudgetTheNotesAndEveryKnobButNotTheRunnersOwnSettings(@org.junit.jupiter.api.io.TempDir Path root) {
        LabSettings s = LabSettings.from(Map.of("pglab.root", root.toString(), "pglab.budget", "smoke",
                "pglab.module", "m", "pglab.include", "X.*", "pglab.pg", "docker", "pglab.options",
                "pglab.live.scenarios=A,B,jmh.ignoreLock=true", "user.name", "someone"), Map.of("PGLAB_PG_URL", "jdbc:x"));
        assertThat(s.withNotes(root.resolve("n.jsonl")).forkProperties()).containsExactly("-Djmh.ignoreLock=true",
                "-Dpglab.budget=smoke", "-Dpglab.live.scenarios=A,B", "-Dpglab.notes=" + root.resolve("n.jsonl"),
                "-Dpglab.pg=docker", "-Dpglab.root=" + root.toAbsolutePath().normalize());
        // the URL from the environment reaches forks through their environment, never their command line
        assertThat(s.pgUrl()).contains("jdbc:x");
        assertThat(s.budget()).isEqualTo(Budget.SMOKE);
        assertThat(s.include()).isEqualTo("X.*");
    }

    @Test
    void defaultsAreTheWorkingDirectoryAndTheQuickBudget() {
        LabSettings s = LabSettings.from(Map.of(), Map.of());
        assertThat(s.root()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(s.budget()).isEqualTo(Budget.QUICK);
        assertThat(s.layout().resultFile("m")).isEqualTo(Path.of("").toAbsolutePath().resolve("target/pglab/results/m.json"));
        assertThatThrownBy(s::requireModule).hasMessageContaining("-Dpglab.module");
    }

    @Test
    void paramsOverrideJmhParametersByName() {
        var params = LabSettings.parseParams("size=capture; trigger=none|wide_row;");
        assertThat(params).containsOnlyKeys("size", "trigger");
        assertThat(params.get("size")).containsExactly("capture");
        assertThat(params.get("trigger")).containsExactly("none", "wide_row");
        assertThat(LabSettings.parseParams("")).isEmpty();
    }

    @Test
    void aMalformedParamSaysWhatWasExpected() {
        assertThatThrownBy(() -> LabSettings.parseParams("size"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name=value");
        assertThatThrownBy(() -> LabSettings.from(Map.of("pglab.budget", "fast"), Map.of()))
                .hasMessageContaining("expected smoke, quick or full");
    }
}
