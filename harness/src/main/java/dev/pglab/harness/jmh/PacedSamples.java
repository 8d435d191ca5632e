package dev.pglab.harness.jmh;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measured samples of a paced suite's arms, {@code [round][iteration]} per metric, as {@link PacedSuite#derive}
 * sees them: it reads any arm's metrics and adds derived ones, which become secondary metrics of that arm's entry.
 */
public final class PacedSamples {
    private final Map<String, Map<String, double[][]>> byArm = new LinkedHashMap<>();
    private final Map<String, Map<String, PacedArm.MetricSpec>> derived = new LinkedHashMap<>();

    void put(PacedArm arm, String metric, double[][] values) {
        byArm.computeIfAbsent(arm.id(), k -> new LinkedHashMap<>()).put(metric, values);
    }

    /** The arm's primary metric. */
    public double[][] primary(PacedArm arm) {
        return metric(arm, "");
    }

    /** One of the arm's declared (or derived) secondary metrics; {@code ""} is the primary. */
    public double[][] metric(PacedArm arm, String name) {
        double[][] m = byArm.getOrDefault(arm.id(), Map.of()).get(name);
        if (m == null) {
            throw new IllegalArgumentException(arm.id() + " has no metric '" + name + "'");
        }
        return m;
    }

    /** Adds a derived metric to the arm's entry. */
    public void add(PacedArm arm, PacedArm.MetricSpec spec, double[][] values) {
        put(arm, spec.name(), values);
        derived.computeIfAbsent(arm.id(), k -> new LinkedHashMap<>()).put(spec.name(), spec);
    }

    Map<String, PacedArm.MetricSpec> derived(PacedArm arm) {
        return derived.getOrDefault(arm.id(), Map.of());
    }

    /** {@code f(this arm's value, the other arm's value)} for every round and iteration. */
    public static double[][] combine(double[][] a, double[][] b, java.util.function.DoubleBinaryOperator f) {
        double[][] out = new double[a.length][];
        for (int r = 0; r < a.length; r++) {
            out[r] = new double[a[r].length];
            for (int i = 0; i < a[r].length; i++) {
                out[r][i] = f.applyAsDouble(a[r][i], b[r][i]);
            }
        }
        return out;
    }
}
