package dev.pglab.replay;

import dev.pglab.parser.ReplayItem;
import java.util.Iterator;
import java.util.List;

/**
 * Replay items in log order, read lazily: the replay pulls the next item only when the schedule lets it.
 * Closing releases the underlying file.
 */
public interface ReplaySource extends Iterator<ReplayItem>, AutoCloseable {

    /** Where the items come from, for reports and messages. */
    String describe();

    @Override
    default void close() throws Exception {
    }

    /** For a parsed log, once it was read to the end: what the parser counted (malformed entries included). */
    default java.util.Optional<dev.pglab.parser.ParseSummary> parseSummary() {
        return java.util.Optional.empty();
    }

    /** Items built in memory (tests, benchmarks). */
    static ReplaySource of(List<? extends ReplayItem> items, String description) {
        Iterator<? extends ReplayItem> it = items.iterator();
        return new ReplaySource() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public ReplayItem next() {
                return it.next();
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }
}
