package dev.pglab.replay;

/** How items reach their sessions. */
public enum ReplayMode {
    /** Each session runs its own items at their times; a slow statement delays only its own session. */
    SESSION,
    /**
     * pgreplay's strict global order: the next item is sent when its time has come and its own connection is
     * idle; while it waits, nothing behind it is sent (head-of-line blocking). Kept to compare against.
     */
    SERIAL
}
