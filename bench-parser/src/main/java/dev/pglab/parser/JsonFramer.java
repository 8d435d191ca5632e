package dev.pglab.parser;

/**
 * jsonlog entries: one JSON object per line (PostgreSQL escapes newlines inside strings). Reads the keys this
 * parser needs and skips the others without building a tree.
 */
final class JsonFramer implements EntryFramer {
    private static final byte[] K_TIMESTAMP = Bytes.ascii("timestamp");
    private static final byte[] K_USER = Bytes.ascii("user");
    private static final byte[] K_DB = Bytes.ascii("dbname");
    private static final byte[] K_PID = Bytes.ascii("pid");
    private static final byte[] K_SESSION = Bytes.ascii("session_id");
    private static final byte[] K_SEVERITY = Bytes.ascii("error_severity");
    private static final byte[] K_MESSAGE = Bytes.ascii("message");
    private static final byte[] K_DETAIL = Bytes.ascii("detail");
    private static final byte[] K_STATEMENT = Bytes.ascii("statement");

    @Override
    public TextCodec codec() {
        return TextCodec.JSON;
    }

    /** Where {@link #object} stopped: just after the closing brace. */
    private int objectEnd;

    @Override
    public int frame(byte[] a, int pos, int limit, boolean eof, RawEntry e) {
        // one pass: the object is read up to its closing brace, which PostgreSQL follows with the newline
        String problem = object(a, pos, limit, e);
        int next;
        if (problem == null) {
            int i = objectEnd;
            while (i < limit && (a[i] == ' ' || a[i] == '\r')) {
                i++;
            }
            if (i >= limit && !eof) {
                return NEED_MORE;
            }
            if (i < limit && a[i] != '\n') {
                problem = "json entry goes on after its closing '}' at column " + (i - pos + 1);
            }
        }
        int nl = Bytes.indexOf(a, problem == null ? objectEnd : pos, limit, (byte) '\n');
        if (nl < 0 && !eof) {
            return NEED_MORE;
        }
        next = nl < 0 ? limit : nl + 1;
        e.lines = nl < 0 ? 0 : 1;
        if (problem != null && nl >= 0) {
            // the problem may come from the bytes after this line: read the line alone again
            int end = nl > pos && a[nl - 1] == '\r' ? nl - 1 : nl;
            e.reset(a);
            e.lines = 1;
            problem = object(a, pos, end, e);
            if (problem == null && objectEnd < end) {
                problem = "json entry goes on after its closing '}' at column " + (objectEnd - pos + 1);
            }
        }
        if (problem != null) {
            e.malformed = problem;
        } else if (e.severity == null) {
            e.malformed = "json entry has no \"error_severity\" level";
        } else if (!e.has(RawEntry.TIMESTAMP)) {
            e.malformed = "json entry has no \"timestamp\"";
        }
        return next;
    }

    private String object(byte[] a, int pos, int end, RawEntry e) {
        int i = skipSpace(a, pos, end);
        if (i >= end) {
            return "empty line where a json object was expected";
        }
        if (a[i] != '{') {
            return "json entry does not start with '{'";
        }
        i = skipSpace(a, i + 1, end);
        if (i < end && a[i] == '}') {
            objectEnd = i + 1;
            return null;
        }
        while (true) {
            if (i >= end || a[i] != '"') {
                return "json key expected at column " + (i - pos + 1);
            }
            int ks = i + 1;
            int ke = stringEnd(a, ks, end);
            if (ke < 0) {
                return "json key is not terminated: the entry is truncated";
            }
            i = skipSpace(a, ke + 1, end);
            if (i >= end || a[i] != ':') {
                return "':' expected after a json key at column " + (i - pos + 1);
            }
            i = skipSpace(a, i + 1, end);
            if (i >= end) {
                return "json value expected at column " + (i - pos + 1) + ": the entry is truncated";
            }
            int vs;
            int ve;
            boolean esc = false;
            if (a[i] == '"') {
                vs = i + 1;
                ve = stringEnd(a, vs, end);
                if (ve < 0) {
                    return "json string is not terminated: the entry is truncated";
                }
                esc = sawEscape;
                i = ve + 1;
            } else {
                vs = i;
                while (i < end && a[i] != ',' && a[i] != '}' && a[i] != ' ' && a[i] != '\n') {
                    i++;
                }
                ve = i;
            }
            assign(a, ks, ke, vs, ve, esc, e);
            i = skipSpace(a, i, end);
            if (i >= end) {
                return "json object is not closed: the entry is truncated";
            }
            if (a[i] == '}') {
                objectEnd = i + 1;
                return null;
            }
            if (a[i] != ',') {
                return "',' or '}' expected at column " + (i - pos + 1);
            }
            i = skipSpace(a, i + 1, end);
        }
    }

    private static void assign(byte[] a, int ks, int ke, int vs, int ve, boolean esc, RawEntry e) {
        int n = ke - ks;
        switch (a[ks]) {
            case 't' -> {
                if (is(a, ks, n, K_TIMESTAMP)) {
                    e.set(RawEntry.TIMESTAMP, vs, ve, false);
                }
            }
            case 'u' -> {
                if (is(a, ks, n, K_USER)) {
                    e.set(RawEntry.USER, vs, ve, esc);
                }
            }
            case 'd' -> {
                if (is(a, ks, n, K_DB)) {
                    e.set(RawEntry.DB, vs, ve, esc);
                } else if (is(a, ks, n, K_DETAIL)) {
                    e.set(RawEntry.DETAIL, vs, ve, esc);
                }
            }
            case 'p' -> {
                if (is(a, ks, n, K_PID)) {
                    e.set(RawEntry.PID, vs, ve, false);
                }
            }
            case 's' -> {
                if (is(a, ks, n, K_SESSION)) {
                    e.set(RawEntry.SESSION, vs, ve, false);
                } else if (is(a, ks, n, K_STATEMENT)) {
                    e.set(RawEntry.STATEMENT, vs, ve, esc);
                }
            }
            case 'e' -> {
                if (is(a, ks, n, K_SEVERITY)) {
                    e.severity = Severity.of(a, vs, ve);
                }
            }
            case 'm' -> {
                if (is(a, ks, n, K_MESSAGE)) {
                    e.set(RawEntry.MESSAGE, vs, ve, esc);
                }
            }
            default -> {
            }
        }
    }

    private static boolean is(byte[] a, int ks, int n, byte[] key) {
        return n == key.length && Bytes.startsWith(a, ks, ks + n, key);
    }

    /** Whether the last string {@link #stringEnd} read had a backslash escape. */
    private boolean sawEscape;

    /** The closing quote of a string starting at s (after its opening quote), or -1. */
    private int stringEnd(byte[] a, int s, int end) {
        int i = s;
        sawEscape = false;
        while (true) {
            // a string never holds a raw newline in jsonlog: meeting one means the entry was cut
            int q = Bytes.indexOfAny(a, i, end, (byte) '"', (byte) '\\', (byte) '\n');
            if (q < 0 || a[q] == '\n') {
                return -1;
            }
            if (a[q] == '"') {
                return q;
            }
            sawEscape = true;
            i = q + 2;
        }
    }

    private static int skipSpace(byte[] a, int i, int end) {
        while (i < end && (a[i] == ' ' || a[i] == '\t')) {
            i++;
        }
        return i;
    }

    @Override
    public boolean startsEntry(byte[] a, int pos, int limit) {
        return pos < limit && a[pos] == '{';
    }
}
