package dev.pglab.harness.jmh;

import java.time.Duration;

/**
 * What a budget means for a paced suite, decided here and nowhere else: how many rounds (each arm gets one forked
 * JVM per round, so rounds are the forks of every arm), warm-up and measured iterations inside each fork, the length
 * a time-boxed iteration should aim at, and whether the run only proves that every arm works (smoke: a suite may
 * then run its thinnest parameters). Paced iterations are whole replays or streams, seconds each, so the counts are
 * smaller than JMH's for the same budget.
 *
 * @param rounds     forked JVMs per arm; arms rotate between rounds
 * @param warmups    discarded iterations at the start of each fork
 * @param iterations measured iterations per fork
 * @param iteration  how long one time-boxed iteration (a stream, a traced load) runs
 * @param proofOnly  the run proves the arms work; its numbers are not for comparison
 */
public record PacedPlan(Budget budget, int rounds, int warmups, int iterations, Duration iteration, boolean proofOnly) {

    public PacedPlan {
        if (rounds < 1 || warmups < 0 || iterations < 1) {
            throw new IllegalArgumentException("a paced plan needs >= 1 round, >= 0 warm-ups and >= 1 iteration: "
                    + rounds + "/" + warmups + "/" + iterations);
        }
    }

    public static PacedPlan of(Budget budget) {
        return switch (budget) {
            // one short round per arm: every arm runs once in its own JVM, as the smoke pass promises
            case SMOKE -> new PacedPlan(budget, 1, 0, 1, Duration.ofMillis(budget.measurementMillis), true);
            case QUICK -> new PacedPlan(budget, 2, 1, 3, Duration.ofMillis(budget.measurementMillis), false);
            case FULL -> new PacedPlan(budget, 5, 2, 5, Duration.ofMillis(budget.measurementMillis), false);
        };
    }

    /** The budget baselines are measured at: a suite may add arms too slow for routine runs (bench-cdc's 100K-row scans). */
    public boolean forBaselines() {
        return budget == Budget.FULL;
    }

    /** Iterations one fork runs, warm-up included. */
    public int iterationsPerFork() {
        return warmups + iterations;
    }
}
