package dev.pglab.cdc.experiment;

/** The outcome of a criterion: the whole interval meets it, the whole interval misses it, or neither. */
public enum Verdict {
    PASS, FAIL, INCONCLUSIVE
}
