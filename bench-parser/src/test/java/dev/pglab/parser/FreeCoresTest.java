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
        assertThat(FreeCores.workers(2, 2, 0.05)).isEqualTo(2);
        assertThat(FreeCores.workers(2, 2, 2.0)).isEqualTo(1); // two other builds busy
        assertThat(FreeCores.workers(2, 2, 0.6)).isEqualTo(1); // one core mostly taken: no room for two workers
        assertThat(FreeCores.workers(2, 2, 0.4)).isEqualTo(2);
        assertThat(FreeCores.workers(8, 8, 3.0)).isEqualTo(5);
    }

    @Test
    void decidingIsCheapAndWithinTheRequest() {
        long t0 = System.nanoTime();
        int w = FreeCores.workers(2);
        assertThat(w).isBetween(1, 2);
        assertThat(FreeCores.workers(2)).isBetween(1, 2); // right after: no new sample needed
        assertThat((System.nanoTime() - t0) / 1e6).as("ms to decide twice").isLessThan(2_000);
    }

    @Property
    void neverMoreThanAskedNorLessThanOne(@ForAll @IntRange(min = 1, max = 64) int requested,
                                         @ForAll @IntRange(min = 1, max = 64) int cpus,
                                         @ForAll @DoubleRange(min = 0, max = 100) double others) {
        int w = FreeCores.workers(requested, cpus, others);
        assertThat(w).isBetween(1, requested);
        assertThat(w).isLessThanOrEqualTo(Math.max(1, cpus));
    }
}
