package dev.pglab.replay.compare;

/**
 * How a compare decides, with the A/B gate's idea: a fingerprint is SLOWER when the median of its per-round
 * ratios (B p50 / A p50) is above {@code 1 + floor} and the one-sided Wilcoxon signed-rank test over the per-round
 * log ratios gives p below {@code pMax}; FASTER the mirror image; INCONCLUSIVE when it ran fewer than
 * {@code minCount} times per replay on a side, or the interval of the median ratio is wider than 2 x floor;
 * SAME otherwise.
 *
 * @param rounds     A/B pairs, alternated A B, B A, A B ...: one replay per side per round
 * @param floor      the smallest change worth a verdict (0.10 = 10 %)
 * @param pMax       the significance limit of the one-sided test
 * @param confidence the bootstrap interval's confidence
 * @param minCount   executions per replay a fingerprint needs on each side to get SLOWER, FASTER or SAME
 */
public record CompareSettings(int rounds, double floor, double pMax, double confidence, int minCount) {

    /**
     * 8 rounds, a 10 % floor, p < 0.01, 95 % intervals (the gate's 99 % intervals over 8 replays span nearly
     * min..max, so one disturbed round would make every unchanged query INCONCLUSIVE), 20 executions per replay. With 8 pairs the smallest
     * one-sided Wilcoxon p is 1/256, so p < 0.01 needs at least 7 of 8 rounds slower with the one faster round
     * among the smallest; a 20 % shift in p50 is twice the floor and, with the per-round p50 noise of a loaded
     * 2-core machine (a few per cent for a fingerprint run 20+ times per replay), puts every round above 1.
     */
    public static CompareSettings standard() {
        return new CompareSettings(8, 0.10, 0.01, 0.95, 20);
    }

    public CompareSettings withRounds(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--rounds " + n + ": expected at least 1");
        }
        return new CompareSettings(n, floor, pMax, confidence, minCount);
    }

    public CompareSettings withPMax(double p) {
        return new CompareSettings(rounds, floor, p, confidence, minCount);
    }

    public CompareSettings withFloor(double f) {
        return new CompareSettings(rounds, f, pMax, confidence, minCount);
    }

    public CompareSettings withMinCount(int n) {
        return new CompareSettings(rounds, floor, pMax, confidence, n);
    }

    /** The smallest p the test can give with this many rounds: below pMax or no verdict can be reached. */
    public double smallestP() {
        return Math.pow(0.5, rounds);
    }
}
