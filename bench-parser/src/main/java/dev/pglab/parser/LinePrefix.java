package dev.pglab.parser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@code log_line_prefix}: matches the start of a stderr log line on bytes, records where the
 * timestamp, user, database, session id and pid are, and finds the level ({@code LOG:  }) after it.
 * Escapes with a fixed shape ({@code %m %t %n %p %l %c %x %v}) are read by shape; free text ({@code %u %d %a %r
 * %h %i ...}) runs up to the literal that follows it. {@code %q} ends the prefix for non-session processes.
 */
final class LinePrefix {
    /** The prefixes {@link #detect} tries, most common first; the pglab capture default leads. */
    static final List<String> COMMON = List.of(
            "%m|%u|%d|%c|",
            "%m [%p] ",
            "%m [%p] %q%u@%d ",
            "%t [%p] ",
            "%t [%p] %q%u@%d ",
            "%m [%p-%l] %q%u@%d ",
            "%t [%p-%l] %q%u@%d ",
            "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ",
            "%t [%p]: [%l-1] user=%u,db=%d ",
            "%m [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ",
            "%m [%p] %q[user=%u,db=%d,app=%a] ",
            "%m:%r:%u@%d:[%p]:",
            "%t:%r:%u@%d:[%p]:",
            "%m %u %d %c ",
            "%m [%c] ",
            "%m [%c] %q%u@%d ",
            "%n [%p] ",
            "%m ",
            "%t ",
            "");

    private enum Kind { LITERAL, TS_MILLIS, TS_SECONDS, TS_EPOCH, DIGITS, SESSION, VXID, TEXT, STOP }

    private record Segment(Kind kind, byte[] literal, int field) {
    }

    private final String text;
    private final Segment[] segments;
    private final boolean hasSession;
    private final boolean hasPid;

    private LinePrefix(String text, Segment[] segments) {
        this.text = text;
        this.segments = segments;
        boolean s = false;
        boolean p = false;
        for (Segment seg : segments) {
            s |= seg.kind == Kind.SESSION;
            p |= seg.field == RawEntry.PID;
        }
        hasSession = s;
        hasPid = p;
    }

    String text() {
        return text;
    }

    /** Whether lines say which session wrote them ({@code %c}, else {@code %p}). */
    boolean identifiesSessions() {
        return hasSession || hasPid;
    }

    static LinePrefix compile(String prefix) {
        List<Segment> segs = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c != '%' || i + 1 >= prefix.length()) {
                lit.append(c);
                continue;
            }
            char esc = prefix.charAt(++i);
            // %-10u style padding: skip the width
            while ((esc == '-' || Character.isDigit(esc)) && i + 1 < prefix.length()) {
                esc = prefix.charAt(++i);
            }
            if (esc == '%') {
                lit.append('%');
                continue;
            }
            Segment seg = switch (esc) {
                case 'm' -> new Segment(Kind.TS_MILLIS, null, RawEntry.TIMESTAMP);
                case 't' -> new Segment(Kind.TS_SECONDS, null, RawEntry.TIMESTAMP);
                case 'n' -> new Segment(Kind.TS_EPOCH, null, RawEntry.TIMESTAMP);
                case 'p' -> new Segment(Kind.DIGITS, null, RawEntry.PID);
                case 'l', 'x', 'P' -> new Segment(Kind.DIGITS, null, -1);
                case 'c' -> new Segment(Kind.SESSION, null, RawEntry.SESSION);
                case 'v' -> new Segment(Kind.VXID, null, -1);
                case 'u' -> new Segment(Kind.TEXT, null, RawEntry.USER);
                case 'd' -> new Segment(Kind.TEXT, null, RawEntry.DB);
                case 'q' -> new Segment(Kind.STOP, null, -1);
                case 'a', 'r', 'h', 'i', 'e', 'b', 'Q', 's', 'L' -> new Segment(Kind.TEXT, null, -1);
                default -> throw new IllegalArgumentException("log_line_prefix '" + prefix + "': unknown escape %" + esc);
            };
            if (!lit.isEmpty()) {
                segs.add(new Segment(Kind.LITERAL, lit.toString().getBytes(StandardCharsets.UTF_8), -1));
                lit.setLength(0);
            }
            segs.add(seg);
        }
        if (!lit.isEmpty()) {
            segs.add(new Segment(Kind.LITERAL, lit.toString().getBytes(StandardCharsets.UTF_8), -1));
        }
        return new LinePrefix(prefix, segs.toArray(Segment[]::new));
    }

    /**
     * Matches the prefix and the level at [from, to); fills the entry's prefix fields and severity.
     *
     * @return where the message starts (after {@code LEVEL:  }), or -1 when the line does not match
     */
    int match(byte[] a, int from, int to, RawEntry e) {
        int pos = from;
        int stopPos = -1;
        for (int k = 0; k < segments.length; k++) {
            Segment seg = segments[k];
            if (seg.kind == Kind.STOP) {
                stopPos = pos;
                continue;
            }
            int next = matchSegment(a, pos, to, k, e);
            if (next < 0) {
                // non-session processes stop the prefix at %q
                return stopPos >= 0 ? level(a, stopPos, to, e) : -1;
            }
            pos = next;
        }
        int msg = level(a, pos, to, e);
        return msg < 0 && stopPos >= 0 ? level(a, stopPos, to, e) : msg;
    }

    private int matchSegment(byte[] a, int pos, int to, int k, RawEntry e) {
        Segment seg = segments[k];
        switch (seg.kind) {
            case LITERAL -> {
                return Bytes.startsWith(a, pos, to, seg.literal) ? pos + seg.literal.length : -1;
            }
            case TS_MILLIS, TS_SECONDS -> {
                int end = timestamp(a, pos, to);
                if (end < 0) {
                    return -1;
                }
                e.set(RawEntry.TIMESTAMP, pos, end, false);
                e.timestampKind = seg.kind == Kind.TS_MILLIS ? 'm' : 't';
                return end;
            }
            case TS_EPOCH -> {
                int i = pos;
                while (i < to && Bytes.isDigit(a[i])) {
                    i++;
                }
                if (i == pos || i >= to || a[i] != '.') {
                    return -1;
                }
                i++;
                while (i < to && Bytes.isDigit(a[i])) {
                    i++;
                }
                e.set(RawEntry.TIMESTAMP, pos, i, false);
                e.timestampKind = 'n';
                return i;
            }
            case DIGITS -> {
                int i = pos;
                while (i < to && Bytes.isDigit(a[i])) {
                    i++;
                }
                if (seg.field >= 0) {
                    e.set(seg.field, pos, i, false);
                }
                return i;
            }
            case SESSION -> {
                int i = hex(a, pos, to);
                if (i == pos || i >= to || a[i] != '.') {
                    return -1;
                }
                int j = hex(a, i + 1, to);
                if (j == i + 1) {
                    return -1;
                }
                e.set(RawEntry.SESSION, pos, j, false);
                return j;
            }
            case VXID -> {
                int i = pos;
                while (i < to && (Bytes.isDigit(a[i]) || a[i] == '/')) {
                    i++;
                }
                return i;
            }
            case TEXT -> {
                int end = textEnd(a, pos, to, k);
                if (end < 0) {
                    return -1;
                }
                if (seg.field >= 0) {
                    e.set(seg.field, pos, end, false);
                }
                return end;
            }
            default -> throw new IllegalStateException(seg.kind.name());
        }
    }

    /** Free text ends where the next literal starts; as the last segment, where the level starts. */
    private int textEnd(byte[] a, int pos, int to, int k) {
        Segment next = k + 1 < segments.length ? segments[k + 1] : null;
        if (next != null && next.kind == Kind.STOP && k + 2 < segments.length) {
            next = segments[k + 2];
        }
        if (next == null) {
            return levelStart(a, pos, to);
        }
        if (next.kind == Kind.LITERAL) {
            return Bytes.indexOf(a, pos, to, next.literal);
        }
        int sp = Bytes.indexOf(a, pos, to, (byte) ' ');
        return sp < 0 ? to : sp;
    }

    /** Where a {@code LEVEL:  } marker starts in [pos, to), or -1. */
    private static int levelStart(byte[] a, int pos, int to) {
        int i = pos;
        while (true) {
            int colon = Bytes.indexOf(a, i, to, (byte) ':');
            if (colon < 0 || colon + 2 >= to) {
                return -1;
            }
            if (a[colon + 1] == ' ' && a[colon + 2] == ' ') {
                int w = colon;
                while (w > pos && (a[w - 1] >= 'A' && a[w - 1] <= 'Z' || Bytes.isDigit(a[w - 1]))) {
                    w--;
                }
                if (Severity.of(a, w, colon) != null) {
                    return w;
                }
            }
            i = colon + 1;
        }
    }

    /** Reads {@code LEVEL:  } at pos; returns the message start or -1. */
    private static int level(byte[] a, int pos, int to, RawEntry e) {
        int i = pos;
        int max = Math.min(to, pos + 10);
        while (i < max && (a[i] >= 'A' && a[i] <= 'Z' || Bytes.isDigit(a[i]))) {
            i++;
        }
        if (i + 2 >= to + 1 || i >= to || a[i] != ':') {
            return -1;
        }
        Severity sev = Severity.of(a, pos, i);
        if (sev == null) {
            return -1;
        }
        // "LOG:  text"; an empty message may end the line right after the colon and spaces
        if (i + 1 < to && a[i + 1] != ' ') {
            return -1;
        }
        e.severity = sev;
        int msg = i + 1;
        if (msg < to && a[msg] == ' ') {
            msg++;
        }
        if (msg < to && a[msg] == ' ') {
            msg++;
        }
        return msg;
    }

    /** "YYYY-MM-DD HH:MM:SS[.fff] ZONE" at pos: returns the end, or -1. */
    static int timestamp(byte[] a, int pos, int to) {
        if (pos + 19 > to || a[pos + 4] != '-' || a[pos + 7] != '-' || a[pos + 10] != ' ' || a[pos + 13] != ':'
                || a[pos + 16] != ':' || !Bytes.isDigit(a[pos]) || !Bytes.isDigit(a[pos + 18])) {
            return -1;
        }
        int i = pos + 19;
        if (i < to && a[i] == '.') {
            i++;
            while (i < to && Bytes.isDigit(a[i])) {
                i++;
            }
        }
        if (i < to && a[i] == ' ') {
            int z = i + 1;
            while (z < to && (a[z] >= 'A' && a[z] <= 'Z' || a[z] >= 'a' && a[z] <= 'z' || Bytes.isDigit(a[z])
                    || a[z] == '+' || a[z] == '-' || a[z] == ':')) {
                z++;
            }
            if (z > i + 1) {
                i = z;
            }
        }
        return i;
    }

    private static int hex(byte[] a, int pos, int to) {
        int i = pos;
        while (i < to && (Bytes.isDigit(a[i]) || a[i] >= 'a' && a[i] <= 'f')) {
            i++;
        }
        return i;
    }

    /**
     * Finds the prefix that every one of the first lines of a stderr log matches.
     *
     * @throws LogParseException showing the first lines when none does
     */
    static LinePrefix detect(String file, byte[] head, int length) {
        List<int[]> lines = new ArrayList<>();
        int pos = 0;
        while (pos < length && lines.size() < 50) {
            int nl = Bytes.indexOf(head, pos, length, (byte) '\n');
            int end = nl < 0 ? length : nl;
            if (end > pos && head[pos] != '\t') {
                lines.add(new int[] {pos, end > pos && head[end - 1] == '\r' ? end - 1 : end});
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
        }
        if (lines.isEmpty()) {
            throw new LogParseException(file, 1, 0, "cannot detect log_line_prefix: no log lines in the first "
                    + length + " bytes; give it with --prefix");
        }
        RawEntry probe = new RawEntry();
        for (String candidate : COMMON) {
            LinePrefix p = compile(candidate);
            boolean all = true;
            for (int[] l : lines) {
                probe.reset(head);
                if (p.match(head, l[0], l[1], probe) < 0) {
                    all = false;
                    break;
                }
            }
            if (all && (p.identifiesSessions() || candidate.isEmpty())) {
                return p;
            }
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < Math.min(5, lines.size()); i++) {
            int[] l = lines.get(i);
            // an unknown file's bytes may hold terminal escapes: never echo them raw
            shown.append("\n  ").append(Bytes.printable(head, l[0], l[1], 160));
        }
        throw new LogParseException(file, 1, 0, "cannot detect the log_line_prefix: none of the common prefixes "
                + COMMON.subList(0, 6) + "... matches the first lines; give it with --prefix (the server's "
                + "log_line_prefix setting). First lines:" + shown);
    }

    @Override
    public String toString() {
        return "'" + text + "'";
    }
}
