package dev.pglab.replay;

import dev.pglab.parser.ReplayItem;

/**
 * Receives items instead of a server (a dry run, like pgreplay's {@code -n}): the reader, the schedule and the
 * session threads run as in a real replay, but each item goes here at its due time. Called on the session's
 * thread; must be thread-safe across sessions.
 */
@FunctionalInterface
public interface ItemSink {
    void accept(String sessionId, ReplayItem item, long dueNanos, long startNanos);
}
