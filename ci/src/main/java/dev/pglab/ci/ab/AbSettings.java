package dev.pglab.ci.ab;

import dev.pglab.harness.measure.LoadGuard;
import java.time.Duration;

/**
 * How an interleaved A/B run measures and decides. {@link #standard()}: up to 8 rounds alternating AB, BA, ...;
 * each side one fork of 3 x 1 s warm-up and 5 x 1 s measurement per round; regression when the median round ratio
 * exceeds max(10 %, 3 x A/A noise), the one-sided Wilcoxon signed-rank p is below 0.01, and a rerun agrees.
 * With {@code sequential} a key stops as soon as the evidence decides it (see {@link SequentialStop}), from
 * {@code minRounds} on; {@code timeBudget} (null: none) bounds the whole A/B run, builds included.
 *
 * @param ignoreJmhLock run beside other JMH instances (tests only: the lock keeps real runs from overlapping)
 */
public record AbSettings(int rounds, int warmupIterations, Duration warmup, int iterations, Duration measurement,
                         double pMax, double minThreshold, double confidence, LoadGuard guard, boolean ignoreJmhLock,
                         int minRounds, boolean sequential, Duration timeBudget) {

    public static AbSettings standard() {
        return new AbSettings(8, 3, Duration.ofSeconds(1), 5, Duration.ofSeconds(1), 0.01, 0.10, 0.99,
                LoadGuard.DEFAULT, false, 4, true, null);
    }

    public AbSettings withTiming(int warmupIterations, Duration warmup, int iterations, Duration measurement) {
        return new AbSettings(rounds, warmupIterations, warmup, iterations, measurement, pMax, minThreshold, confidence,
                guard, ignoreJmhLock, minRounds, sequential, timeBudget);
    }

    public AbSettings withRounds(int maxRounds) {
        return new AbSettings(maxRounds, warmupIterations, warmup, iterations, measurement, pMax, minThreshold, confidence,
                guard, ignoreJmhLock, minRounds, sequential, timeBudget);
    }

    public AbSettings withGuard(LoadGuard g) {
        return new AbSettings(rounds, warmupIterations, warmup, iterations, measurement, pMax, minThreshold, confidence,
                g, ignoreJmhLock, minRounds, sequential, timeBudget);
    }

    public AbSettings ignoringJmhLock() {
        return new AbSettings(rounds, warmupIterations, warmup, iterations, measurement, pMax, minThreshold, confidence,
                guard, true, minRounds, sequential, timeBudget);
    }

    /** Every key runs all rounds (no early stop). */
    public AbSettings fixedRounds() {
        return new AbSettings(rounds, warmupIterations, warmup, iterations, measurement, pMax, minThreshold, confidence,
                guard, ignoreJmhLock, minRounds, false, timeBudget);
    }

    public AbSettings withTimeBudget(Duration budget) {
        return new AbSettings(rounds, warmupIterations, warmup, iterations, measurement, pMax, minThreshold, confidence,
                guard, ignoreJmhLock, minRounds, sequential, budget);
    }

    /** The fewest rounds whose exact one-sided Wilcoxon p can go below {@link #pMax()} (7 for 0.01). */
    public int roundsForSignificance() {
        int n = 1;
        while (Math.pow(0.5, n) >= pMax) {
            n++;
        }
        return n;
    }
}
