package dev.pglab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadGuardTest {

    @Test
    void loadOrStealAboveTheLimitMakesAWindowUnclean() {
        LoadSample quiet = new LoadSample(0, 0.4, 1000, 10);
        assertThat(LoadGuard.DEFAULT.clean(quiet, new LoadSample(1, 0.5, 2000, 20))).isTrue();
        assertThat(LoadGuard.DEFAULT.clean(quiet, new LoadSample(1, 1.6, 2000, 20))).isFalse();
        // 100 of 1000 jiffies stolen = 10 %
        assertThat(LoadGuard.DEFAULT.clean(quiet, new LoadSample(1, 0.5, 2000, 110))).isFalse();
    }

    @Test
    void unknownLoadDoesNotCountAsDirty() {
        LoadSample unknown = new LoadSample(0, Double.NaN, 0, 0);
        assertThat(LoadGuard.DEFAULT.clean(unknown, unknown)).isTrue();
    }

    @Test
    void cpuOfThisProcessAdvancesWithWork() {
        long before = ProcessCpu.selfNanos();
        long x = 0;
        for (int i = 0; i < 50_000_000; i++) {
            x += i ^ (x >>> 3);
        }
        assertThat(ProcessCpu.selfNanos()).as("cpu after work (x=%d)", x).isGreaterThan(before);
        assertThat(ProcessCpu.selfRssBytes()).isPositive();
    }

    @Test
    void fingerprintIdIsFileNameSafe() {
        assertThat(MachineFingerprint.current().id()).matches("[a-z0-9_-]+");
    }
}
