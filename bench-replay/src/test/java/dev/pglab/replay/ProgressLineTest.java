package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The progress line's share of the capture replayed and its time left. */
class ProgressLineTest {
    private static final CaptureSpan TEN_MINUTES = new CaptureSpan(1_000_000_000L, 1_000_000_000L + 600_000_000L);

    @Test
    void atAPaceTheReplayClockSaysHowFarAndTheSpeedHowLongIsLeft() {
        // 150 s into a 600 s capture at speed 1, the reader already a second ahead
        assertThat(ProgressLine.progress(TEN_MINUTES, TEN_MINUTES.firstMicros() + 151_000_000L, 150, Speed.CAPTURED))
                .isEqualTo(" | 25 % of capture, 7m30s left");
        assertThat(ProgressLine.progress(TEN_MINUTES, TEN_MINUTES.firstMicros() + 301_000_000L, 150, new Speed(2)))
                .isEqualTo(" | 50 % of capture, 2m30s left");
    }

    @Test
    void atMaxSpeedThereIsNoTimeLeftToPromiseOnlyHowFar() {
        assertThat(ProgressLine.progress(TEN_MINUTES, TEN_MINUTES.firstMicros() + 60_000_000L, 1, Speed.MAX))
                .isEqualTo(" | 10 % of capture");
    }

    @Test
    void withoutASpanOrBeforeTheFirstItemTheLineSaysNothingAboutIt() {
        assertThat(ProgressLine.progress(null, 5, 1, Speed.CAPTURED)).isEmpty();
        assertThat(ProgressLine.progress(TEN_MINUTES, 0, 1, Speed.CAPTURED)).isEmpty();
        assertThat(ProgressLine.eta(3_725)).isEqualTo("1h02m");
    }
}
