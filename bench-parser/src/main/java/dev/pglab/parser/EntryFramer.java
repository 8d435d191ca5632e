package dev.pglab.parser;

/** Cuts one format's bytes into entries. Implementations keep no state between entries. */
interface EntryFramer {
    /** Returned by {@link #frame} when the entry may continue past the bytes at hand. */
    int NEED_MORE = -1;

    /**
     * Frames the entry starting at {@code pos} into {@code e} (after {@code e.reset}).
     *
     * @param eof whether the bytes up to {@code limit} are all there is
     * @return the position after the entry, or {@link #NEED_MORE}
     */
    int frame(byte[] a, int pos, int limit, boolean eof, RawEntry e);

    TextCodec codec();

    /**
     * Whether an entry surely starts at the line start {@code pos} (for splitting a file between threads);
     * {@code limit} bounds what may be read.
     */
    boolean startsEntry(byte[] a, int pos, int limit);

    static EntryFramer of(LogFormat format, LinePrefix prefix) {
        return switch (format) {
            case STDERR -> new StderrFramer(prefix);
            case CSV -> new CsvFramer();
            case JSON -> new JsonFramer();
        };
    }
}
