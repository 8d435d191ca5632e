package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The adaptive parallel mode's rule: use the cores others leave free, sequential below two. */
class FreeCoresTest {

    @Test
    void twoIdleCoresGiveTwoWorkersAndABusyMachineASequentialParse() {
        assertThat(FreeCores.workers(2, 2, 0.05, 0)).isEqualTo(2);
        assertThat(FreeCores.workers(2, 2, 2.0, 0)).isEqualTo(1); // the load of two other builds
        assertThat(FreeCores.workers(2, 2, 11.7, 0.2)).isEqualTo(1);
        assertThat(FreeCores.workers(8, 8, 3.0, 0)).isEqualTo(5);
    }

    @Test
    void aBenchmarkForkDoesNotCountItsOwnLoadAsCompetition() {
        assertThat(FreeCores.workers(2, 2, 1.9, 1.8)).isEqualTo(2);
        assertThat(FreeCores.workers(2, 2, 2.9, 1.8)).isEqualTo(1);
    }

    @Property
    void neverMoreThanAskedNorLessThanOne(@ForAll @IntRange(min = 1, max = 64) int requested,
                                         @ForAll @IntRange(min = 1, max = 64) int cpus,
                                         @ForAll @DoubleRange(min = 0, max = 100) double load,
                                         @ForAll @DoubleRange(min = 0, max = 64) double own) {
        int w = FreeCores.workers(requested, cpus, load, own);
        assertThat(w).isBetween(1, requested);
        assertThat(w).isLessThanOrEqualTo(Math.max(1, cpus));
    }
}
