package dev.pglab.replay.compare;

/** A fingerprint's outcome; the order is the console table's (worst first). */
public enum CompareVerdict {
    SLOWER, INCONCLUSIVE, FASTER, SAME
}
