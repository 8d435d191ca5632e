package dev.pglab.cdc;

/** The two change-buffer layouts compared by the experiment. */
public enum BufferKind {
    /** pg_trickle up to v0.42: one row per event, every column as a {@code new_}/{@code old_} pair, actions I/U/D. */
    WIDE,
    /** pg_trickle v0.43 "D+I": flat columns, actions I/D only; an UPDATE is a D-row followed by an I-row. */
    DI
}
