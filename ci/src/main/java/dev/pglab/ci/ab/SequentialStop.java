package dev.pglab.ci.ab;

import java.util.List;

/**
 * When a key's A/B evidence has decided it, so its remaining rounds can be skipped (group-sequential testing in
 * its plainest form; the rerun of a flagged key keeps the repeated looks from adding false alarms):
 * <ul>
 *   <li>{@link Decision#WITHIN}: from {@code minRounds} on, with at most a third of rounds under a dirty load guard,
 *       the 99 % interval of the median round ratio lies entirely below 1 + T: a slowdown of T is excluded.</li>
 *   <li>{@link Decision#FLAGGED}: once enough rounds for p below the limit have run, the key is flagged (median
 *       ratio above 1 + T and Wilcoxon p below the limit): more rounds cannot unflag it, the rerun decides.</li>
 *   <li>{@link Decision#OPEN}: keep measuring.</li>
 * </ul>
 */
public final class SequentialStop {
    private SequentialStop() {
    }

    public enum Decision { OPEN, WITHIN, FLAGGED }

    public static Decision decide(List<AbRound> rounds, boolean higherIsBetter, double threshold, AbSettings s) {
        int n = rounds.size();
        if (!s.sequential() || n < Math.min(s.minRounds(), s.rounds())) {
            return Decision.OPEN;
        }
        AbAnalysis a = AbAnalysis.of(rounds, higherIsBetter, threshold, s);
        if (a.flagged() && n >= s.roundsForSignificance()) {
            return Decision.FLAGGED;
        }
        boolean dirty = a.dirtyRounds() * 3 > n;
        if (!dirty && a.high() < 1 + threshold) {
            return Decision.WITHIN;
        }
        return Decision.OPEN;
    }
}
