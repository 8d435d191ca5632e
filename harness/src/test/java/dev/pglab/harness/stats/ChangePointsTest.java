package dev.pglab.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChangePointsTest {

    @Test
    void findsAStepOfTwentyPercent() {
        double[] series = {100, 101, 99, 100, 102, 98, 100, 120, 121, 119, 120, 122, 118};
        assertThat(ChangePoints.standard().find(series)).containsExactly(7);
    }

    @Test
    void findsTwoSteps() {
        double[] series = {100, 101, 99, 100, 150, 151, 149, 150, 100, 99, 101, 100};
        assertThat(ChangePoints.standard().find(series)).containsExactly(4, 8);
    }

    @Test
    void ignoresNoiseAndSmallSteps() {
        assertThat(ChangePoints.standard().find(new double[] {100, 103, 97, 101, 99, 102, 98, 100})).isEmpty();
        assertThat(ChangePoints.standard().find(new double[] {100, 100, 100, 100, 102, 102, 102, 102})).isEmpty();
    }
}
