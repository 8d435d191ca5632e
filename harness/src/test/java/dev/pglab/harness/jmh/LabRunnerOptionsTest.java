package dev.pglab.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabRunnerOptionsTest {

    @Test
    void optionsBecomeSystemPropertiesAndValuesMayHoldCommas() {
        LabRunner.applyOptions("pglab.test.scenarios=Baseline,Batch-100,pglab.test.other=x=y");
        assertThat(System.getProperty("pglab.test.scenarios")).isEqualTo("Baseline,Batch-100");
        assertThat(System.getProperty("pglab.test.other")).isEqualTo("x=y");
        System.clearProperty("pglab.test.scenarios");
        System.clearProperty("pglab.test.other");
    }

    @Test
    void paramsOverrideJmhParametersByName() {
        var params = LabRunner.parseParams("size=capture; trigger=none|wide_row;");
        assertThat(params).containsOnlyKeys("size", "trigger");
        assertThat(params.get("size")).containsExactly("capture");
        assertThat(params.get("trigger")).containsExactly("none", "wide_row");
        assertThat(LabRunner.parseParams("")).isEmpty();
    }

    @Test
    void aMalformedParamSaysWhatWasExpected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabRunner.parseParams("size"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name=value");
    }
}
