package dev.pglab.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ReadPacingTest {

    @Property
    void aNapNeverExceedsHalfTheBudgetNorGoesNegative(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long budget,
                                                  @ForAll @IntRange(min = 1, max = 1 << 26) int threshold,
                                                  @ForAll @LongRange(min = -1, max = 1L << 40) long bytesRead,
                                                  @ForAll @LongRange(min = -1, max = Long.MAX_VALUE / 2) long interval,
                                                  @ForAll boolean filled) {
        long nap = new ReadPacing(budget, threshold).napNanos(bytesRead, interval, filled);
        assertThat(nap).isBetween(0L, budget / 2);
    }

    @Property
    void noBudgetOrAFullBufferMeansReadAtOnce(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long budget,
                                              @ForAll @LongRange(min = 1, max = 1L << 30) long bytesRead,
                                              @ForAll @LongRange(min = 1, max = 10_000_000_000L) long interval) {
        assertThat(new ReadPacing(0, 4096).napNanos(bytesRead, interval, false)).isZero();
        assertThat(new ReadPacing(budget, 4096).napNanos(bytesRead, interval, true)).isZero();
    }

    @Property
    void aFasterStreamNeverNapsLonger(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long budget,
                                      @ForAll @LongRange(min = 1, max = 1L << 30) long bytesRead,
                                      @ForAll @LongRange(min = 1, max = 1L << 30) long moreBytes,
                                      @ForAll @LongRange(min = 1, max = 10_000_000_000L) long interval) {
        ReadPacing pacing = new ReadPacing(budget, ReadPacing.DEFAULT_THRESHOLD);
        assertThat(pacing.napNanos(bytesRead + moreBytes, interval, false)).isLessThanOrEqualTo(pacing.napNanos(bytesRead, interval, false));
    }

    @Test
    void aSlowStreamNapsHalfTheBudgetAndABusyOneAboutThresholdOverRate() {
        ReadPacing pacing = new ReadPacing(Duration.ofMillis(20).toNanos(), 64 * 1024);
        // 1 KB in 5 ms (200 KB/s): 64 KB would take 320 ms, so half the budget bounds the nap
        assertThat(pacing.napNanos(1024, 5_000_000, false)).isEqualTo(10_000_000);
        // 640 KB in 10 ms: 64 KB arrive in 1 ms
        assertThat(pacing.napNanos(640 * 1024, 10_000_000, false)).isEqualTo(1_000_000);
        // nothing measured yet (first read after idle): half the budget
        assertThat(pacing.napNanos(0, 0, false)).isEqualTo(10_000_000);
    }

    @Test
    void rejectsNegativeBudgetsAndEmptyThresholds() {
        assertThatThrownBy(() -> new ReadPacing(-1, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency budget");
        assertThatThrownBy(() -> new ReadPacing(1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("byte threshold");
    }

    @Test
    void parsesTimeSettingsAsShowPrintsThem() {
        assertThat(LeanReplicationStream.parseDurationNanos("1min")).isEqualTo(60_000_000_000L);
        assertThat(LeanReplicationStream.parseDurationNanos("60s")).isEqualTo(60_000_000_000L);
        assertThat(LeanReplicationStream.parseDurationNanos("500ms")).isEqualTo(500_000_000L);
        assertThat(LeanReplicationStream.parseDurationNanos("0")).isZero();
        assertThatThrownBy(() -> LeanReplicationStream.parseDurationNanos("soon")).hasMessageContaining("'soon'");
    }
}
