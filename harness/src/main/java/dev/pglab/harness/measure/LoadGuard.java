package dev.pglab.harness.measure;

/**
 * Decides whether a measurement window was quiet enough to judge timings: load per core at most
 * {@code maxLoadPerCore} and steal at most {@code maxSteal} (the gate's INCONCLUSIVE rule).
 */
public record LoadGuard(double maxLoadPerCore, double maxSteal) {
    public static final LoadGuard DEFAULT = new LoadGuard(1.5, 0.05);

    public boolean clean(LoadSample before, LoadSample after) {
        double load = Math.max(before.loadPerCore(), after.loadPerCore());
        return !(load > maxLoadPerCore) && LoadSample.stealBetween(before, after) <= maxSteal;
    }
}
