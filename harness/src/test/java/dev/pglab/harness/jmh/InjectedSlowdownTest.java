package dev.pglab.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class InjectedSlowdownTest {

    /** Work the JIT cannot remove: a few microseconds of arithmetic. */
    private static long work(long seed) {
        long x = seed;
        for (int i = 0; i < 2_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    @Test
    void burnsAtLeastTheInjectedShareOfTheOperationsTime() {
        for (double factor : new double[] {0.1, 0.5}) {
            InjectedSlowdown s = new InjectedSlowdown(factor);
            long sink = 0;
            for (int i = 0; i < 20_000; i++) {
                sink += work(i);
                s.tick();
            }
            assertThat(sink).isNotZero();
            assertThat(s.workNanos()).isPositive();
            // the spin runs until its deadline: never less than the debt (preemption can only add to it)
            assertThat((double) s.burntNanos()).isGreaterThanOrEqualTo(0.95 * factor * s.workNanos());
        }
    }

    @Test
    void noFactorBurnsNothing() {
        InjectedSlowdown s = new InjectedSlowdown(0);
        for (int i = 0; i < 1_000; i++) {
            s.tick();
        }
        assertThat(s.burntNanos()).isZero();
        assertThat(InjectedSlowdown.factor()).isZero(); // the property is not set in tests
    }

    @Test
    void allocatesNothingPerOperation() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        InjectedSlowdown s = new InjectedSlowdown(0.2);
        for (int i = 0; i < 50_000; i++) { // warm up: interpreted code may allocate
            work(i);
            s.tick();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 50_000; i++) {
            work(i);
            s.tick();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).isLessThan(1_000); // bytes/op stays what the benchmark allocates
    }

    @Test
    void rejectsWhatIsNotAFraction() {
        assertThat(InjectedSlowdown.parse(null)).isZero();
        assertThat(InjectedSlowdown.parse("0.2")).isEqualTo(0.2);
        assertThatThrownBy(() -> InjectedSlowdown.parse("20%")).hasMessageContaining("pglab.ab.slowdown=20%");
        assertThatThrownBy(() -> InjectedSlowdown.parse("-1")).hasMessageContaining("between 0 and 10");
    }
}
