package dev.pglab.cdc.bench;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.Jdbc;

/** Iteration boundaries of the write benchmarks: empty buffers and a vacuumed source at the start. */
final class WriteIteration {
    private WriteIteration() {
    }

    static void start(BenchServer lab) {
        lab.table.capture().truncate(lab.connection);
        Jdbc.run(lab.connection, "VACUUM " + lab.table.source(), "CHECKPOINT");
    }

    static long bufferBytes(BenchServer lab) {
        return lab.table.bufferBytes(lab.connection, BufferKind.WIDE) + lab.table.bufferBytes(lab.connection, BufferKind.DI);
    }
}
