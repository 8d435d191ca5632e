package dev.pglab.replay;

/** Which order items keep across sessions ({@code --order}); every mode keeps each session's own order. */
public enum ReplayMode {
    /** Each session runs its own items at their times; sessions do not wait for each other. */
    SESSION,
    /**
     * The default: as SESSION, but an item does not start before the writing transactions committed before it
     * in the capture have committed in the replay, and barriers (DDL, TRUNCATE, VACUUM, LOCK, ...) are not
     * overtaken ({@link CommitDependencies}). Read-only transactions are no dependency, so a slow SELECT still
     * delays only its own session.
     */
    COMMIT,
    /**
     * Strict captured start order (pgreplay's): the next item is sent when its time has come and its own
     * connection is idle; while it waits, nothing behind it is sent (head-of-line blocking). {@code --order strict}.
     */
    SERIAL;

    /** {@code session}, {@code commit} or {@code strict} ({@code serial} is accepted for strict). */
    public static ReplayMode parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "session" -> SESSION;
            case "commit" -> COMMIT;
            case "strict", "serial" -> SERIAL;
            default -> throw new IllegalArgumentException("order '" + text + "' is not understood: expected session, commit or strict");
        };
    }

    /** The name {@code --order} takes. */
    public String option() {
        return this == SERIAL ? "strict" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
