package dev.pglab.harness.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Change points in a history series by (wild) binary segmentation, in the spirit of Hunter/Otava: split where
 * the Welch t statistic between two adjacent windows is largest, keep the split only when it is significant
 * ({@code |t| >= minT}) and the step is large enough ({@code |relative change| >= minMagnitude}), then recurse
 * into both sides. Works on log values, so steps are relative. Cubic in the length: fine for histories of a
 * few hundred runs.
 */
public record ChangePoints(int minSegment, double minT, double minMagnitude) {

    public static ChangePoints standard() {
        return new ChangePoints(3, 4.0, 0.05);
    }

    /** Indexes i where a new level starts at values[i], ascending. */
    public List<Integer> find(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(values[i]);
        }
        List<Integer> found = new ArrayList<>();
        split(logs, 0, logs.length, found);
        found.sort(Integer::compare);
        return found;
    }

    private void split(double[] x, int from, int to, List<Integer> found) {
        // wild binary segmentation: the best cut over every sub-interval, so a level that returns to where it
        // was (100, 150, 100) is still found; a whole-range cut alone would miss it
        int best = -1;
        double bestT = 0;
        for (int a = from; a <= to - 2 * minSegment; a++) {
            for (int b = a + 2 * minSegment; b <= to; b++) {
                for (int cut = a + minSegment; cut <= b - minSegment; cut++) {
                    double t = Math.abs(welchT(x, a, cut, b));
                    if (t > bestT && Math.abs(Math.exp(mean(x, cut, b) - mean(x, a, cut)) - 1) >= minMagnitude) {
                        bestT = t;
                        best = cut;
                    }
                }
            }
        }
        if (best < 0 || bestT < minT) {
            return;
        }
        found.add(best);
        split(x, from, best, found);
        split(x, best, to, found);
    }

    private static double welchT(double[] x, int from, int cut, int to) {
        double m1 = mean(x, from, cut);
        double m2 = mean(x, cut, to);
        double v1 = variance(x, from, cut, m1) / (cut - from);
        double v2 = variance(x, cut, to, m2) / (to - cut);
        double se = Math.sqrt(v1 + v2);
        if (se == 0) {
            return m1 == m2 ? 0 : Double.POSITIVE_INFINITY;
        }
        return (m2 - m1) / se;
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    private static double variance(double[] x, int from, int to, double mean) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (x[i] - mean) * (x[i] - mean);
        }
        return to - from > 1 ? s / (to - from - 1) : 0;
    }
}
