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
}
