package dev.pglab.parser;

/**
 * One log entry as byte ranges over the framer's buffer (a flyweight, reused for every entry): the fields the
 * interpreter needs, each with a flag saying whether its bytes need unescaping (stderr continuation tabs, csv
 * doubled quotes, json backslashes) before use.
 */
final class RawEntry {
    static final int USER = 0;
    static final int DB = 1;
    static final int SESSION = 2;
    static final int PID = 3;
    static final int TIMESTAMP = 4;
    static final int MESSAGE = 5;
    static final int DETAIL = 6;
    static final int STATEMENT = 7;
    static final int FIELDS = 8;

    byte[] buf;
    /** 1-based line of the entry's first byte, and its byte offset in the input. */
    long line;
    long offset;
    Severity severity;
    final int[] start = new int[FIELDS];
    final int[] end = new int[FIELDS];
    final boolean[] escaped = new boolean[FIELDS];
    /** Timestamp shape: 'm' (%m), 't' (%t), 'n' (%n epoch). */
    char timestampKind;
    /** Newlines inside the entry (to keep line numbers). */
    int lines;
    /** Why the entry cannot be read, or null. */
    String malformed;

    void reset(byte[] buffer) {
        buf = buffer;
        severity = null;
        malformed = null;
        lines = 0;
        timestampKind = 'm';
        for (int i = 0; i < FIELDS; i++) {
            start[i] = -1;
            end[i] = -1;
            escaped[i] = false;
        }
    }

    boolean has(int field) {
        return start[field] >= 0;
    }

    void set(int field, int s, int e, boolean esc) {
        start[field] = s;
        end[field] = e;
        escaped[field] = esc;
    }
}
