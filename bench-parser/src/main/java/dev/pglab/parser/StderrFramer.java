package dev.pglab.parser;

/**
 * stderr entries: a line that starts with the log_line_prefix and a primary level (LOG, ERROR ...), its
 * continuation lines (which begin with one TAB), and the DETAIL / STATEMENT / HINT / CONTEXT ... lines of the same
 * session that PostgreSQL writes right after it in the same message.
 */
final class StderrFramer implements EntryFramer {
    private final LinePrefix prefix;
    private final RawEntry probe = new RawEntry();
    /** Set by {@link #logicalLineEnd}: newlines passed, and whether the line had continuations. */
    private int lines;
    private boolean continued;
    /**
     * The line after the last entry was already matched as the lookahead: where it is and where its message
     * starts, so the next call does not match it again. Valid for exactly the next call.
     */
    private byte[] cachedBuf;
    private int cachedPos = -1;
    private int cachedMsg;

    StderrFramer(LinePrefix prefix) {
        this.prefix = prefix;
    }

    @Override
    public TextCodec codec() {
        return TextCodec.STDERR;
    }

    @Override
    public int frame(byte[] a, int pos, int limit, boolean eof, RawEntry e) {
        int end = logicalLineEnd(a, pos, limit, eof);
        if (end < 0) {
            return NEED_MORE;
        }
        int totalLines = lines;
        boolean cont = continued;
        int next = Math.min(end + 1, limit);
        int msg;
        if (cachedBuf == a && cachedPos == pos) {
            copy(probe, e);
            msg = cachedMsg;
        } else {
            msg = prefix.match(a, pos, end, e);
        }
        cachedBuf = null;
        cachedPos = -1;
        if (msg < 0) {
            e.malformed = "line does not start with log_line_prefix " + prefix + " followed by a level such as 'LOG:  '";
            e.lines = totalLines;
            return next;
        }
        e.set(RawEntry.MESSAGE, msg, trimCr(a, msg, end), cont);
        // the secondary lines of the same message follow at once
        while (next < limit) {
            int lineEnd = logicalLineEnd(a, next, limit, eof);
            if (lineEnd < 0) {
                return NEED_MORE;
            }
            probe.reset(a);
            int m = prefix.match(a, next, lineEnd, probe);
            if (m < 0 || !probe.severity.secondary() || !sameSession(e, probe)) {
                if (m >= 0) {
                    cachedBuf = a;
                    cachedPos = next;
                    cachedMsg = m;
                }
                break;
            }
            int field = switch (probe.severity) {
                case DETAIL -> RawEntry.DETAIL;
                case STATEMENT -> RawEntry.STATEMENT;
                default -> -1;
            };
            if (field >= 0 && !e.has(field)) {
                e.set(field, m, trimCr(a, m, lineEnd), continued);
            }
            totalLines += lines;
            next = Math.min(lineEnd + 1, limit);
        }
        if (next >= limit && !eof) {
            return NEED_MORE; // the next line might still be a DETAIL of this entry
        }
        e.lines = totalLines;
        return next;
    }

    private static void copy(RawEntry from, RawEntry to) {
        to.severity = from.severity;
        to.timestampKind = from.timestampKind;
        System.arraycopy(from.start, 0, to.start, 0, RawEntry.FIELDS);
        System.arraycopy(from.end, 0, to.end, 0, RawEntry.FIELDS);
        System.arraycopy(from.escaped, 0, to.escaped, 0, RawEntry.FIELDS);
    }

    private static boolean sameSession(RawEntry e, RawEntry probe) {
        int f = e.has(RawEntry.SESSION) ? RawEntry.SESSION : e.has(RawEntry.PID) ? RawEntry.PID : -1;
        return f < 0 || Bytes.equals(e.buf, e.start[f], e.end[f], probe.buf, probe.start[f], probe.end[f]);
    }

    private static int trimCr(byte[] a, int from, int end) {
        return end > from && a[end - 1] == '\r' ? end - 1 : end;
    }

    /**
     * The index of the newline that ends the logical line at pos (a newline not followed by TAB), or
     * {@code limit} when the input ends without one; -1 when more bytes are needed to know.
     */
    private int logicalLineEnd(byte[] a, int pos, int limit, boolean eof) {
        lines = 0;
        continued = false;
        int i = pos;
        while (true) {
            int nl = Bytes.indexOf(a, i, limit, (byte) '\n');
            if (nl < 0) {
                return eof ? limit : NEED_MORE;
            }
            lines++;
            if (nl + 1 >= limit) {
                return eof ? nl : NEED_MORE;
            }
            if (a[nl + 1] != '\t') {
                return nl;
            }
            continued = true;
            i = nl + 1;
        }
    }

    @Override
    public boolean startsEntry(byte[] a, int pos, int limit) {
        if (pos >= limit || a[pos] == '\t') {
            return false;
        }
        int nl = Bytes.indexOf(a, pos, limit, (byte) '\n');
        int end = nl < 0 ? limit : nl;
        probe.reset(a);
        return prefix.match(a, pos, end, probe) >= 0 && !probe.severity.secondary();
    }
}
