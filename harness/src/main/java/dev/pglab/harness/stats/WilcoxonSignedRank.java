package dev.pglab.harness.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The one-sided Wilcoxon signed-rank test of "the differences are shifted above zero", with the exact null
 * distribution (zeros dropped as Wilcoxon proposed, ties given average ranks). Exact because the A/B gate
 * works with 8 rounds, where normal approximations are poor: all 8 differences positive give p = 1/256.
 */
public final class WilcoxonSignedRank {
    private WilcoxonSignedRank() {
    }

    /** The test's outcome: {@code wPlus} is the sum of ranks of positive differences, {@code n} the non-zero count. */
    public record Result(double wPlus, int n, double pGreater) {
    }

    /** P(W+ >= observed) under H0 for the given differences (e.g. per-round log ratios head/base). */
    public static Result greater(double[] differences) {
        double[] d = Arrays.stream(differences).filter(v -> v != 0 && !Double.isNaN(v)).toArray();
        int n = d.length;
        if (n == 0) {
            return new Result(0, 0, 1.0);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> Math.abs(d[i])));
        // ranks doubled so average ranks of ties stay integers
        int[] twiceRank = new int[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && Math.abs(d[order[j + 1]]) == Math.abs(d[order[i]])) {
                j++;
            }
            int twiceAvg = (i + 1) + (j + 1); // 2 * (i+1 + j+1)/2
            for (int k = i; k <= j; k++) {
                twiceRank[order[k]] = twiceAvg;
            }
            i = j + 1;
        }
        int observed = 0;
        int total = 0;
        for (int k = 0; k < n; k++) {
            total += twiceRank[k];
            if (d[k] > 0) {
                observed += twiceRank[k];
            }
        }
        // counts[s] = number of sign assignments whose doubled positive rank sum is s
        double[] counts = new double[total + 1];
        counts[0] = 1;
        int reach = 0;
        for (int k = 0; k < n; k++) {
            int r = twiceRank[k];
            for (int s = reach; s >= 0; s--) {
                if (counts[s] != 0) {
                    counts[s + r] += counts[s];
                }
            }
            reach += r;
        }
        double tail = 0;
        for (int s = observed; s <= total; s++) {
            tail += counts[s];
        }
        return new Result(observed / 2.0, n, tail / Math.pow(2, n));
    }
}
