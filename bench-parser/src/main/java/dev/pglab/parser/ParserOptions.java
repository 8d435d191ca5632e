package dev.pglab.parser;

/**
 * How to parse, built once.
 *
 * @param format       the log format, or null to detect it from the file name and first bytes
 * @param prefix       stderr's log_line_prefix, or null to detect it from the first lines
 * @param threads      1 parses sequentially; more splits a file at entry boundaries across that many threads
 * @param bufferBytes  read buffer (grows up to {@code maxEntryBytes} for one long entry)
 * @param maxEntryBytes longest entry read; longer ones are skipped as malformed
 * @param segmentBytes bytes per part in parallel mode
 * @param maxOpen      items held back while waiting for their outcome (see the assembler)
 * @param maxProblems  problems kept with their location (all are counted)
 * @param adaptive     in parallel mode, use only the cores the machine has free when the parse starts (down to
 *                     sequential); otherwise exactly {@code threads}
 */
public record ParserOptions(LogFormat format, String prefix, int threads, int bufferBytes, int maxEntryBytes,
                            int segmentBytes, int maxOpen, int maxProblems, boolean adaptive) {

    public ParserOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (bufferBytes < 64) {
            throw new IllegalArgumentException("bufferBytes must be at least 64");
        }
    }

    public static ParserOptions defaults() {
        return new ParserOptions(null, null, 1, 1 << 20, 64 << 20, 4 << 20, 100_000, 100, false);
    }

    public ParserOptions withFormat(LogFormat f) {
        return new ParserOptions(f, prefix, threads, bufferBytes, maxEntryBytes, segmentBytes, maxOpen, maxProblems, adaptive);
    }

    public ParserOptions withPrefix(String p) {
        return new ParserOptions(format, p, threads, bufferBytes, maxEntryBytes, segmentBytes, maxOpen, maxProblems, adaptive);
    }

    /** Exactly t threads, however busy the machine is. */
    public ParserOptions withThreads(int t) {
        return new ParserOptions(format, prefix, t, bufferBytes, maxEntryBytes, segmentBytes, maxOpen, maxProblems, false);
    }

    /**
     * Up to all available processors, but only those the machine has free when a parse starts
     * ({@link FreeCores}): on a busy machine the parse runs with fewer workers or sequentially, never slower.
     */
    public ParserOptions parallel() {
        return new ParserOptions(format, prefix, Math.max(2, Runtime.getRuntime().availableProcessors()), bufferBytes,
                maxEntryBytes, segmentBytes, maxOpen, maxProblems, true);
    }

    public ParserOptions withBufferBytes(int b) {
        return new ParserOptions(format, prefix, threads, b, maxEntryBytes, segmentBytes, maxOpen, maxProblems, adaptive);
    }

    public ParserOptions withSegmentBytes(int s) {
        return new ParserOptions(format, prefix, threads, bufferBytes, maxEntryBytes, s, maxOpen, maxProblems, adaptive);
    }
}
