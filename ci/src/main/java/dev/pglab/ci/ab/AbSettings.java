package dev.pglab.ci.ab;

import dev.pglab.harness.measure.LoadGuard;
import java.time.Duration;

/**
 * How an interleaved A/B run measures and decides. {@link #standard()}: 8 rounds alternating AB, BA, ...; each
 * side one fork of 3 x 1 s warm-up and 5 x 1 s measurement per round; regression when the median round ratio
 * exceeds max(10 %, 3 x A/A noise), the one-sided Wilcoxon signed-rank p is below 0.01, and a rerun agrees.
 *
 * @param ignoreJmhLock run beside other JMH instances (tests only: the lock keeps real runs from overlapping)
 */
public record AbSettings(int rounds, int warmupIterations, Duration warmup, int iterations, Duration measurement,
                         double pMax, double minThreshold, double confidence, LoadGuard guard, boolean ignoreJmhLock) {

    public static AbSettings standard() {
        return new AbSettings(8, 3, Duration.ofSeconds(1), 5, Duration.ofSeconds(1), 0.01, 0.10, 0.99,
                LoadGuard.DEFAULT, false);
    }

    public AbSettings withTiming(int warmupIterations, Duration warmup, int iterations, Duration measurement) {
        return new AbSettings(rounds, warmupIterations, warmup, iterations, measurement, pMax, minThreshold, confidence,
                guard, ignoreJmhLock);
    }

    public AbSettings withGuard(LoadGuard g) {
        return new AbSettings(rounds, warmupIterations, warmup, iterations, measurement, pMax, minThreshold, confidence,
                g, ignoreJmhLock);
    }

    public AbSettings ignoringJmhLock() {
        return new AbSettings(rounds, warmupIterations, warmup, iterations, measurement, pMax, minThreshold, confidence,
                guard, true);
    }
}
