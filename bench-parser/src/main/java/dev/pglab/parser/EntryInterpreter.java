package dev.pglab.parser;

import java.util.OptionalDouble;

/**
 * Reads what an entry says: a connection, a disconnection, a statement, an execute with its parameters, a
 * duration, an error. Works on the entry's bytes and hands items over as an {@link ItemView}: SQL text and
 * parameter values stay byte ranges (checked for valid UTF-8 here, decoded only if the sink asks).
 */
final class EntryInterpreter {
    private static final byte[] CONNECTION_AUTHORIZED = Bytes.ascii("connection authorized: ");
    private static final byte[] DISCONNECTION = Bytes.ascii("disconnection: ");
    private static final byte[] STATEMENT = Bytes.ascii("statement: ");
    private static final byte[] EXECUTE = Bytes.ascii("execute ");
    private static final byte[] FETCH_FROM = Bytes.ascii("fetch from ");
    private static final byte[] DURATION = Bytes.ascii("duration: ");
    private static final byte[] PARSE = Bytes.ascii("parse ");
    private static final byte[] BIND = Bytes.ascii("bind ");
    private static final byte[] UNNAMED = Bytes.ascii("<unnamed>");
    private static final byte[] USER_EQ = Bytes.ascii("user=");
    private static final byte[] DATABASE_EQ = Bytes.ascii(" database=");
    private static final byte[] PARAMETERS = Bytes.ascii("arameters: ");
    private static final byte[] NULL = Bytes.ascii("NULL");
    private static final byte[] UNKNOWN = Bytes.ascii("[unknown]");

    private final String file;
    private final TextCodec codec;
    private final ParseCounters counters;
    private final TextCache names = new TextCache();
    private final Timestamps timestamps = new Timestamps();
    private final Span message = new Span();
    private final Span detail = new Span();
    private final ItemView view = new ItemView();

    EntryInterpreter(String file, TextCodec codec, ParseCounters counters) {
        this.file = file;
        this.codec = codec;
        this.counters = counters;
    }

    void interpret(RawEntry e, EventSink sink) {
        problemSink = sink;
        if (e.malformed != null) {
            counters.malformed++;
            sink.problem(new ParseProblem(file, e.line, e.offset, e.malformed));
            return;
        }
        if (e.has(RawEntry.TIMESTAMP)) {
            if (!timestamps.read(e.buf, e.start[RawEntry.TIMESTAMP], e.end[RawEntry.TIMESTAMP], e.timestampKind)) {
                // an impossible time would pace a replay to 1970 or to the year 9999: the entry is skipped
                counters.malformed++;
                sink.problem(new ParseProblem(file, e.line, e.offset, "timestamp '"
                        + Bytes.printable(e.buf, e.start[RawEntry.TIMESTAMP], e.end[RawEntry.TIMESTAMP], 60)
                        + "' is no valid time: expected " + timestamps.invalid() + "; the entry is skipped"));
                return;
            }
        } else {
            timestamps.none();
        }
        counters.entries++;
        int sf = e.has(RawEntry.SESSION) ? RawEntry.SESSION : RawEntry.PID;
        String session;
        if (e.has(sf)) {
            counters.sessions.add(e.buf, e.start[sf], e.end[sf]);
            session = names.get(e.buf, e.start[sf], e.end[sf]);
        } else {
            session = "";
        }
        switch (e.severity) {
            case ERROR, FATAL, PANIC -> {
                if (e.severity == Severity.ERROR) {
                    counters.errors++;
                } else {
                    counters.fatals++;
                }
                sink.failure(session);
            }
            case LOG -> log(e, session, sink);
            case DETAIL -> orphanDetail(e, sink);
            default -> {
            }
        }
    }

    private void log(RawEntry e, String session, EventSink sink) {
        codec.read(e, RawEntry.MESSAGE, message);
        Span m = message;
        int p = m.s;
        if (m.startsWith(p, STATEMENT)) {
            sink.item(statement(e, session, p + STATEMENT.length, OptionalDouble.empty()));
        } else if (m.startsWith(p, EXECUTE)) {
            ItemView x = execute(e, session, p + EXECUTE.length, OptionalDouble.empty());
            if (x != null) {
                sink.item(x);
            }
        } else if (m.startsWith(p, DURATION)) {
            duration(e, session, p + DURATION.length, sink);
        } else if (m.startsWith(p, CONNECTION_AUTHORIZED)) {
            sink.item(connect(e, session, p + CONNECTION_AUTHORIZED.length));
        } else if (m.startsWith(p, DISCONNECTION)) {
            view.reset(ItemView.Kind.DISCONNECT, session, timestamps);
            sink.item(view);
        }
    }

    /**
     * A DETAIL line that did not follow an entry of its session: when it holds bind parameters, the execute they
     * belong to is not in the file (or was interleaved away), so the values are lost; that is said, not hidden.
     */
    private void orphanDetail(RawEntry e, EventSink sink) {
        codec.read(e, RawEntry.MESSAGE, message);
        Span m = message;
        if (m.length() > PARAMETERS.length && (m.a[m.s] == 'p' || m.a[m.s] == 'P') && m.startsWith(m.s + 1, PARAMETERS)) {
            counters.malformed++;
            sink.problem(new ParseProblem(file, e.line, e.offset, "a 'DETAIL:  parameters:' line with no execute of "
                    + "its session right before it: its values belong to no item and are dropped"));
        }
    }

    private ItemView statement(RawEntry e, String session, int sqlStart, OptionalDouble duration) {
        ItemView v = view;
        v.reset(ItemView.Kind.STATEMENT, session, timestamps);
        v.user = field(e, RawEntry.USER);
        v.database = field(e, RawEntry.DB);
        sql(e, v, sqlStart);
        v.duration = duration;
        return v;
    }

    /** The SQL text runs from sqlStart to the end of the message; its UTF-8 is checked, not decoded. */
    private void sql(RawEntry e, ItemView v, int sqlStart) {
        v.sql = message.a;
        v.sqlStart = sqlStart;
        v.sqlEnd = message.e;
        checkUtf8(e, message.a, sqlStart, message.e);
    }

    /** {@code execute NAME: SQL} at p (after "execute "); null for {@code execute fetch from}. */
    private ItemView execute(RawEntry e, String session, int p, OptionalDouble duration) {
        Span m = message;
        if (m.startsWith(p, FETCH_FROM)) {
            return null; // more rows from a portal already counted: nothing to run again
        }
        int colon = Bytes.indexOf(m.a, p, m.e, (byte) ':');
        if (colon < 0 || colon + 1 >= m.e || m.a[colon + 1] != ' ') {
            counters.malformed++;
            sink(new ParseProblem(file, e.line, e.offset, "'execute <name>: <sql>' expected"));
            return null;
        }
        ItemView v = view;
        v.reset(ItemView.Kind.EXECUTE, session, timestamps);
        v.statementName = Bytes.equals(m.a, p, colon, UNNAMED, 0, UNNAMED.length) ? "" : portalFree(m, p, colon);
        v.user = field(e, RawEntry.USER);
        v.database = field(e, RawEntry.DB);
        sql(e, v, colon + 2);
        parameters(e, v);
        v.duration = duration;
        return v;
    }

    /** {@code S_1/C_2} names a portal of statement S_1: the statement is what a replay prepares. */
    private String portalFree(Span m, int p, int colon) {
        int slash = Bytes.indexOf(m.a, p, colon, (byte) '/');
        int end = slash < 0 ? colon : slash;
        if (Bytes.equals(m.a, p, end, UNNAMED, 0, UNNAMED.length)) {
            return "";
        }
        return names.get(m.a, p, end);
    }

    private void duration(RawEntry e, String session, int p, EventSink sink) {
        Span m = message;
        int sp = Bytes.indexOf(m.a, p, m.e, (byte) ' ');
        double millis = sp < 0 ? Double.NaN : millis(m.a, p, sp);
        if (Double.isNaN(millis) || sp + 3 > m.e || m.a[sp + 1] != 'm' || m.a[sp + 2] != 's') {
            counters.malformed++;
            sink.problem(new ParseProblem(file, e.line, e.offset, "'duration: <number> ms' expected"));
            return;
        }
        int rest = sp + 3;
        if (rest + 2 <= m.e && m.a[rest] == ' ' && m.a[rest + 1] == ' ') {
            int q = rest + 2;
            if (m.startsWith(q, STATEMENT)) {
                sink.duration(session, millis, statement(e, session, q + STATEMENT.length, OptionalDouble.of(millis)));
                return;
            }
            if (m.startsWith(q, EXECUTE)) {
                ItemView x = execute(e, session, q + EXECUTE.length, OptionalDouble.of(millis));
                if (x != null) {
                    sink.duration(session, millis, x);
                }
                return;
            }
            if (m.startsWith(q, PARSE)) {
                counters.parses++;
                sink.step(session);
                return;
            }
            if (m.startsWith(q, BIND)) {
                counters.binds++;
                sink.step(session);
                return;
            }
        }
        sink.duration(session, millis, null);
    }

    private static double millis(byte[] a, int s, int e) {
        long whole = 0;
        long frac = 0;
        long scale = 1;
        boolean dot = false;
        if (s >= e) {
            return Double.NaN;
        }
        for (int i = s; i < e; i++) {
            byte b = a[i];
            if (b == '.' && !dot) {
                dot = true;
            } else if (Bytes.isDigit(b)) {
                if (dot) {
                    frac = frac * 10 + (b - '0');
                    scale *= 10;
                } else {
                    whole = whole * 10 + (b - '0');
                }
            } else {
                return Double.NaN;
            }
        }
        return whole + (double) frac / scale;
    }

    private ItemView connect(RawEntry e, String session, int p) {
        Span m = message;
        String user = null;
        String db = null;
        if (m.startsWith(p, USER_EQ)) {
            int us = p + USER_EQ.length;
            int de = Bytes.indexOf(m.a, us, m.e, DATABASE_EQ);
            if (de >= 0) {
                user = names.get(m.a, us, de);
                int ds = de + DATABASE_EQ.length;
                int end = Bytes.indexOf(m.a, ds, m.e, (byte) ' ');
                db = names.get(m.a, ds, end < 0 ? m.e : end);
            }
        }
        if (user == null) {
            user = field(e, RawEntry.USER);
            db = field(e, RawEntry.DB);
        }
        view.reset(ItemView.Kind.CONNECT, session, timestamps);
        view.user = user;
        view.database = db;
        return view;
    }

    /** The values of {@code parameters: $1 = '...', $2 = NULL} in the entry's detail, as ranges into the view. */
    private void parameters(RawEntry e, ItemView v) {
        if (!e.has(RawEntry.DETAIL)) {
            return;
        }
        codec.read(e, RawEntry.DETAIL, detail);
        Span d = detail;
        int p = d.s + 1;
        if (d.length() < PARAMETERS.length + 1 || (d.a[d.s] != 'p' && d.a[d.s] != 'P') || !d.startsWith(p, PARAMETERS)) {
            return;
        }
        v.values = d.a;
        p += PARAMETERS.length;
        while (p < d.e) {
            int n = v.parameterCount;
            if (d.a[p] != '$') {
                badParameters(e, n, "'$' expected");
                return;
            }
            int eq = Bytes.indexOf(d.a, p, Math.min(d.e, p + 12), (byte) ' ');
            if (eq < 0 || eq + 3 > d.e || d.a[eq + 1] != '=' || d.a[eq + 2] != ' '
                    || Bytes.digits(d.a, p + 1, eq) != n + 1) {
                badParameters(e, n, "'$" + (n + 1) + " = ' expected");
                return;
            }
            p = eq + 3;
            if (d.startsWith(p, NULL)) {
                v.addParameter(-1, -1, false);
                p += NULL.length;
            } else if (p < d.e && d.a[p] == '\'') {
                int vs = p + 1;
                int i = vs;
                boolean doubled = false;
                while (true) {
                    int q = Bytes.indexOf(d.a, i, d.e, (byte) '\'');
                    if (q < 0) {
                        badParameters(e, n, "closing quote of $" + (n + 1) + " expected");
                        return;
                    }
                    if (q + 1 < d.e && d.a[q + 1] == '\'') {
                        doubled = true;
                        i = q + 2;
                        continue;
                    }
                    // a doubled quote is ASCII on both sides: the raw bytes are valid UTF-8 iff the value is
                    checkUtf8(e, d.a, vs, q);
                    v.addParameter(vs, q, doubled);
                    p = q + 1;
                    break;
                }
            } else {
                badParameters(e, n, "a quoted value or NULL expected for $" + (n + 1));
                return;
            }
            if (p >= d.e) {
                break;
            }
            if (p + 2 > d.e || d.a[p] != ',' || d.a[p + 1] != ' ') {
                badParameters(e, v.parameterCount, "', ' expected after $" + v.parameterCount);
                return;
            }
            p += 2;
        }
    }

    private void badParameters(RawEntry e, int sofar, String expected) {
        counters.malformed++;
        sink(new ParseProblem(file, e.line, e.offset, "parameters: " + expected + " after " + sofar + " values"));
    }

    private EventSink problemSink;

    private void sink(ParseProblem p) {
        if (problemSink != null) {
            problemSink.problem(p);
        }
    }

    /** Invalid UTF-8 is counted and reported where it is read; the text will show U+FFFD for those bytes. */
    private void checkUtf8(RawEntry e, byte[] a, int s, int end) {
        if (!Bytes.isValidUtf8(a, s, end)) {
            counters.invalidUtf8++;
            sink(new ParseProblem(file, e.line, e.offset, "text is not valid UTF-8: invalid bytes read as U+FFFD"));
        }
    }

    private String field(RawEntry e, int f) {
        if (!e.has(f) || e.end[f] == e.start[f]) {
            return null;
        }
        if (Bytes.equals(e.buf, e.start[f], e.end[f], UNKNOWN, 0, UNKNOWN.length)) {
            return null;
        }
        if (e.escaped[f]) {
            Span s = new Span();
            codec.read(e, f, s);
            return names.get(s.a, s.s, s.e);
        }
        return names.get(e.buf, e.start[f], e.end[f]);
    }
}
