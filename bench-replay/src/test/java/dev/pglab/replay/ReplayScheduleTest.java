package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ReplayScheduleTest {

    /** Capture times in log order: mostly rising, sometimes a little back (other sessions, same millisecond). */
    private static List<Long> times(List<Long> steps) {
        List<Long> t = new ArrayList<>();
        long now = 1_700_000_000_000_000L;
        for (long step : steps) {
            now += step;
            t.add(now);
        }
        return t;
    }

    @Property
    void offsetsNeverGoBackwardsAndStartAtZero(@ForAll @Size(min = 1, max = 200) List<@LongRange(min = -2_000, max = 5_000_000) Long> steps,
                                               @ForAll @DoubleRange(min = 0.1, max = 50) double speed) {
        ReplaySchedule s = new ReplaySchedule(new Speed(speed), Optional.empty());
        long previous = -1;
        boolean first = true;
        for (long t : times(steps)) {
            long offset = s.offsetNanos(t);
            if (first) {
                assertThat(offset).isZero();
                first = false;
            }
            assertThat(offset).isGreaterThanOrEqualTo(previous);
            previous = offset;
        }
    }

    @Property
    void withoutIdleSkippingTheOffsetIsTheCaptureDistanceOverSpeed(@ForAll @Size(min = 1, max = 100) List<@LongRange(min = 0, max = 10_000_000) Long> steps,
                                                                  @ForAll @DoubleRange(min = 0.1, max = 50) double speed) {
        ReplaySchedule s = new ReplaySchedule(new Speed(speed), Optional.empty());
        List<Long> t = times(steps);
        for (long time : t) {
            long expected = (long) ((time - t.getFirst()) * 1000.0 / speed);
            assertThat(s.offsetNanos(time)).isEqualTo(expected);
        }
    }

    @Property
    void noReplayGapExceedsMaxIdleOverSpeedAndShorterGapsAreKept(@ForAll @Size(min = 2, max = 100) List<@LongRange(min = 0, max = 120_000_000) Long> steps,
                                                                 @ForAll @LongRange(min = 0, max = 5_000) long maxIdleMillis,
                                                                 @ForAll @DoubleRange(min = 0.5, max = 4) double speed) {
        ReplaySchedule s = new ReplaySchedule(new Speed(speed), Optional.of(Duration.ofMillis(maxIdleMillis)));
        List<Long> t = times(steps);
        long previousOffset = s.offsetNanos(t.getFirst());
        for (int i = 1; i < t.size(); i++) {
            long offset = s.offsetNanos(t.get(i));
            long gapMicros = t.get(i) - t.get(i - 1);
            long expectedGapMicros = Math.min(gapMicros, maxIdleMillis * 1000);
            // one nanosecond per step of rounding slack
            assertThat((double) (offset - previousOffset)).isCloseTo(expectedGapMicros * 1000.0 / speed, org.assertj.core.data.Offset.offset(2.0));
            previousOffset = offset;
        }
    }

    @Test
    void speedMaxMakesEverythingDueAtOnceButStillCountsCaptureTime() {
        ReplaySchedule s = new ReplaySchedule(Speed.MAX, Optional.of(Duration.ofSeconds(1)));
        assertThat(s.offsetNanos(1_000_000)).isZero();
        assertThat(s.offsetNanos(5_000_000)).isZero();
        assertThat(s.capturedMicros()).isEqualTo(4_000_000);
        assertThat(s.skippedMicros()).isEqualTo(3_000_000);
    }

    @Test
    void speedParsesFactorsAndMaxAndRejectsTheRest() {
        assertThat(Speed.parse("max").isMax()).isTrue();
        assertThat(Speed.parse("1.5").factor()).isEqualTo(1.5);
        assertThat(Speed.parse("2").toString()).isEqualTo("2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Speed.parse("0"))
                .hasMessageContaining("positive");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Speed.parse("fast"))
                .hasMessageContaining("'fast'");
    }
}
