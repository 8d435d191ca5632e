package dev.pglab.parser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The item an entry states, with its SQL text and parameter values left as byte ranges over the entry's bytes
 * until someone asks for them ({@link #toItem()}): a consumer that only counts never decodes text. A flyweight,
 * reused for every entry and valid only during the call that hands it over.
 */
final class ItemView {
    enum Kind { CONNECT, DISCONNECT, STATEMENT, EXECUTE }

    Kind kind;
    String session;
    /** When the log stamped it, as numbers; {@link #timestamp()} makes the LogTimestamp (once per distinct time). */
    long micros;
    String zone;
    int digits;
    private Timestamps clock;
    String user;
    String database;
    /** The prepared statement's name ("" for the unnamed one); executes only. */
    String statementName;
    /** The SQL text's (unescaped) bytes. */
    byte[] sql;
    int sqlStart;
    int sqlEnd;
    OptionalDouble duration = OptionalDouble.empty();
    /** Parameter values: [start, end) over {@link #values}; start -1 for NULL; doubled when '' stands for '. */
    int parameterCount;
    int nullCount;
    byte[] values;
    int[] valueStart = new int[8];
    int[] valueEnd = new int[8];
    boolean[] doubled = new boolean[8];

    void reset(Kind k, String sessionId, Timestamps ts) {
        kind = k;
        session = sessionId;
        clock = ts;
        micros = ts.micros();
        zone = ts.zone();
        digits = ts.digits();
        user = null;
        database = null;
        statementName = null;
        sql = null;
        sqlStart = 0;
        sqlEnd = 0;
        duration = OptionalDouble.empty();
        parameterCount = 0;
        nullCount = 0;
        values = null;
    }

    boolean isWork() {
        return kind == Kind.STATEMENT || kind == Kind.EXECUTE;
    }

    void addParameter(int start, int end, boolean quotesDoubled) {
        if (parameterCount == valueStart.length) {
            int n = parameterCount * 2;
            valueStart = java.util.Arrays.copyOf(valueStart, n);
            valueEnd = java.util.Arrays.copyOf(valueEnd, n);
            doubled = java.util.Arrays.copyOf(doubled, n);
        }
        valueStart[parameterCount] = start;
        valueEnd[parameterCount] = end;
        doubled[parameterCount] = quotesDoubled;
        parameterCount++;
        if (start < 0) {
            nullCount++;
        }
    }

    /**
     * A 64-bit fingerprint of the SQL text, to tell "the same statement logged again with its duration" without
     * keeping the text.
     */
    long sqlFingerprint() {
        return Bytes.fingerprint(sql, sqlStart, sqlEnd);
    }

    LogTimestamp timestamp() {
        return clock.value();
    }

    /** The item itself, its text decoded now (validity of the UTF-8 was already checked and reported). */
    ReplayItem toItem() {
        return switch (kind) {
            case CONNECT -> new ReplayItem.Connect(session, timestamp(), user, database);
            case DISCONNECT -> new ReplayItem.Disconnect(session, timestamp());
            case STATEMENT -> new ReplayItem.Statement(session, timestamp(), user, database, sqlText(), duration, false);
            case EXECUTE -> new ReplayItem.Execute(session, timestamp(), user, database, statementName, sqlText(),
                    parameters(), duration, false);
        };
    }

    private String sqlText() {
        return new String(sql, sqlStart, sqlEnd - sqlStart, StandardCharsets.UTF_8);
    }

    private List<String> parameters() {
        if (parameterCount == 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>(parameterCount);
        for (int k = 0; k < parameterCount; k++) {
            out.add(valueStart[k] < 0 ? null : value(valueStart[k], valueEnd[k], doubled[k]));
        }
        return Collections.unmodifiableList(out);
    }

    private String value(int s, int end, boolean quotesDoubled) {
        if (!quotesDoubled) {
            return new String(values, s, end - s, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[end - s];
        int n = 0;
        for (int i = s; i < end; i++) {
            out[n++] = values[i];
            if (values[i] == '\'') {
                i++;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
