package dev.pglab.harness.stats;

import java.util.SplittableRandom;

/**
 * Confidence interval of the ratio {@code median of current fork medians / median of baseline fork medians},
 * resampling at both levels (forks, then iterations inside each drawn fork), as Kalibera and Jones advise:
 * forks carry most of the variance on the JVM, so pooling iterations would make the interval far too narrow.
 * Seeded, so the same inputs always give the same interval.
 */
public final class HierarchicalBootstrap {
    private final int resamples;
    private final long seed;

    public HierarchicalBootstrap(int resamples, long seed) {
        if (resamples < 100) {
            throw new IllegalArgumentException("at least 100 resamples, got " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    public static HierarchicalBootstrap standard() {
        return new HierarchicalBootstrap(2000, 0x9e3779b97f4a7c15L);
    }

    /** A ratio with its interval at the given confidence (e.g. 0.99). */
    public record Interval(double estimate, double low, double high, double confidence) {
        public double width() {
            return high - low;
        }

        public boolean contains(double v) {
            return low <= v && v <= high;
        }
    }

    /** {@code current[fork][iteration]} against {@code baseline[fork][iteration]}. */
    public Interval ratioOfMedians(double[][] baseline, double[][] current, double confidence) {
        double estimate = Summary.median(Summary.rowMedians(current)) / Summary.median(Summary.rowMedians(baseline));
        SplittableRandom random = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            ratios[b] = resampledMedian(current, random) / resampledMedian(baseline, random);
        }
        double alpha = (1 - confidence) / 2;
        return new Interval(estimate, Summary.quantile(ratios, alpha), Summary.quantile(ratios, 1 - alpha), confidence);
    }

    private static double resampledMedian(double[][] forks, SplittableRandom random) {
        double[] medians = new double[forks.length];
        for (int f = 0; f < forks.length; f++) {
            double[] fork = forks[random.nextInt(forks.length)];
            double[] drawn = new double[fork.length];
            for (int i = 0; i < fork.length; i++) {
                drawn[i] = fork[random.nextInt(fork.length)];
            }
            medians[f] = Summary.median(drawn);
        }
        return Summary.median(medians);
    }

    /** Interval of the median of one sample (e.g. per-round log ratios), resampled with replacement. */
    public Interval median(double[] values, double confidence) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] medians = new double[resamples];
        double[] drawn = new double[values.length];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < values.length; i++) {
                drawn[i] = values[random.nextInt(values.length)];
            }
            medians[b] = Summary.median(drawn);
        }
        double alpha = (1 - confidence) / 2;
        return new Interval(Summary.median(values), Summary.quantile(medians, alpha),
                Summary.quantile(medians, 1 - alpha), confidence);
    }
}
