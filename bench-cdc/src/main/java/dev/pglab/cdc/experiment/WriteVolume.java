package dev.pglab.cdc.experiment;

/**
 * What one bulk UPDATE wrote, per updated row, under a trigger variant: WAL (source and buffer together, from
 * {@code pg_current_wal_insert_lsn()}) and buffer heap + index bytes. Medians over the rounds.
 */
public record WriteVolume(String trigger, int cols, int rows, double walBytesPerRow, double bufferBytesPerRow) {
}
