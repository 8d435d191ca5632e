package dev.pglab.harness.jmh;

import java.util.Locale;

/**
 * How much time a suite gets. {@code smoke} proves every benchmark runs; {@code quick} is the {@code -Pbench}
 * default; {@code full} is for baselines.
 */
public enum Budget {
    SMOKE(1, 0, 1, 300, 500),
    QUICK(2, 2, 3, 1000, 1000),
    FULL(5, 5, 5, 1000, 1000);

    public final int forks;
    public final int warmupIterations;
    public final int measurementIterations;
    public final int warmupMillis;
    public final int measurementMillis;

    Budget(int forks, int warmupIterations, int measurementIterations, int warmupMillis, int measurementMillis) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.measurementIterations = measurementIterations;
        this.warmupMillis = warmupMillis;
        this.measurementMillis = measurementMillis;
    }

    public static Budget parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-Dpglab.budget=" + name + " is not a budget: expected smoke, quick or full");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
