package dev.pglab.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PacedPlanTest {

    @Test
    void smokeIsOneShortRoundPerArmWithoutWarmUp() {
        PacedPlan smoke = PacedPlan.of(Budget.SMOKE);
        assertThat(smoke.rounds()).isEqualTo(1);
        assertThat(smoke.warmups()).isZero();
        assertThat(smoke.iterations()).isEqualTo(1);
        assertThat(smoke.proofOnly()).isTrue();
    }

    @Test
    void largerBudgetsAddRoundsWarmUpsAndIterations() {
        PacedPlan quick = PacedPlan.of(Budget.QUICK);
        PacedPlan full = PacedPlan.of(Budget.FULL);
        assertThat(quick.rounds()).isGreaterThan(1);
        assertThat(quick.warmups()).isPositive();
        assertThat(full.rounds()).isGreaterThan(quick.rounds());
        assertThat(full.iterationsPerFork()).isGreaterThan(quick.iterationsPerFork());
        assertThat(quick.proofOnly()).isFalse();
        assertThat(full.proofOnly()).isFalse();
        assertThat(full.forBaselines()).isTrue();
        assertThat(quick.forBaselines()).isFalse();
    }

    @Test
    void everyArmTakesEveryPlaceOnceOverAsManyRoundsAsArms() {
        List<String> arms = List.of("a", "b", "c");
        assertThat(PacedRunner.rotation(arms, 0)).containsExactly("a", "b", "c");
        assertThat(PacedRunner.rotation(arms, 1)).containsExactly("b", "c", "a");
        assertThat(PacedRunner.rotation(arms, 2)).containsExactly("c", "a", "b");
        assertThat(PacedRunner.rotation(arms, 3)).containsExactly("a", "b", "c");
    }

    @Test
    void anArmIdIsItsKeyAsJmhPrintsIt() {
        PacedArm arm = new PacedArm("x.Y.z", java.util.Map.of("b", "2", "a", "1"), "ss", "ms", List.of());
        assertThat(arm.id()).isEqualTo("x.Y.z(a=1,b=2)");
        assertThat(new PacedArm("x.Y.z", java.util.Map.of(), "ss", "ms", List.of()).id()).isEqualTo("x.Y.z");
    }
}
