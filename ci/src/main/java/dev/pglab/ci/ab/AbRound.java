package dev.pglab.ci.ab;

/**
 * One round of one key: the fork median of each side (primary metric), bytes/op of each side, which side ran
 * first, and whether the load guard stayed clean around both forks.
 */
public record AbRound(int round, boolean baseFirst, double base, double head, double baseAlloc, double headAlloc,
                      boolean clean) {
}
