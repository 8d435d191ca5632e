package dev.pglab.harness.stats;

import java.util.Arrays;

/** Robust one-dimensional summaries: median, quantiles, median absolute deviation. */
public final class Summary {
    private Summary() {
    }

    /** The median; NaN for no values. NaN inputs are ignored (a failed iteration must not poison a fork). */
    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** Linear-interpolated quantile, {@code q} in [0, 1]; NaN for no (finite) values. */
    public static double quantile(double[] values, double q) {
        double[] s = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    /** Median absolute deviation from the median (unscaled). */
    public static double mad(double[] values) {
        double m = median(values);
        return median(Arrays.stream(values).map(v -> Math.abs(v - m)).toArray());
    }

    /**
     * The lab's summary of a measurement, {@code raw[fork][iteration]}: the median of the fork medians. The fork is
     * the independent sample; pooling iterations would let one long fork outvote the others. Every module
     * summarises through here.
     */
    public static double medianOfForkMedians(double[][] raw) {
        return median(rowMedians(raw));
    }

    /** The median of each row: a fork's summary is the median of its iterations. */
    public static double[] rowMedians(double[][] rows) {
        return Arrays.stream(rows).mapToDouble(Summary::median).toArray();
    }

    public static double min(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    }

    public static double max(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }
}
