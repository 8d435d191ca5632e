package dev.pglab.parser;

/**
 * csvlog records (RFC 4180: fields with commas, quotes or newlines are quoted, quotes doubled). The columns this
 * parser reads sit at the same places in PostgreSQL 13 to 17; later columns vary and are skipped.
 */
final class CsvFramer implements EntryFramer {
    private static final int COL_TIME = 0;
    private static final int COL_USER = 1;
    private static final int COL_DB = 2;
    private static final int COL_PID = 3;
    private static final int COL_SESSION = 5;
    private static final int COL_SEVERITY = 11;
    private static final int COL_MESSAGE = 13;
    private static final int COL_DETAIL = 14;
    private static final int COL_QUERY = 19;
    private static final int MIN_COLUMNS = 23;

    @Override
    public TextCodec codec() {
        return TextCodec.CSV;
    }

    @Override
    public int frame(byte[] a, int pos, int limit, boolean eof, RawEntry e) {
        int col = 0;
        int i = pos;
        int lines = 0;
        int sevStart = -1;
        int sevEnd = -1;
        while (true) {
            if (i >= limit) {
                if (!eof) {
                    return NEED_MORE;
                }
                break; // a last record without newline
            }
            int fs;
            int fe;
            boolean esc = false;
            if (a[i] == '"') {
                fs = i + 1;
                int j = fs;
                while (true) {
                    int q = Bytes.indexOfEither(a, j, limit, (byte) '"', (byte) '\n');
                    if (q < 0) {
                        if (!eof) {
                            return NEED_MORE;
                        }
                        e.malformed = "csv record ends inside a quoted field (column " + (col + 1) + "): the file is truncated";
                        return resync(a, pos, limit, e);
                    }
                    if (a[q] == '\n') {
                        // a newline inside the quoted text: the record goes on
                        lines++;
                        j = q + 1;
                        continue;
                    }
                    if (q + 1 < limit && a[q + 1] == '"') {
                        esc = true;
                        j = q + 2;
                        continue;
                    }
                    if (q + 1 >= limit && !eof) {
                        return NEED_MORE;
                    }
                    fe = q;
                    i = q + 1;
                    break;
                }
            } else {
                fs = i;
                int j = Bytes.indexOfEither(a, i, limit, (byte) ',', (byte) '\n');
                if (j < 0) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    j = limit;
                }
                fe = j > fs && a[j - 1] == '\r' && (j == limit || a[j] == '\n') ? j - 1 : j;
                i = j;
            }
            switch (col) {
                case COL_TIME -> e.set(RawEntry.TIMESTAMP, fs, fe, false);
                case COL_USER -> e.set(RawEntry.USER, fs, fe, esc);
                case COL_DB -> e.set(RawEntry.DB, fs, fe, esc);
                case COL_PID -> e.set(RawEntry.PID, fs, fe, false);
                case COL_SESSION -> e.set(RawEntry.SESSION, fs, fe, false);
                case COL_SEVERITY -> {
                    sevStart = fs;
                    sevEnd = fe;
                }
                case COL_MESSAGE -> e.set(RawEntry.MESSAGE, fs, fe, esc);
                case COL_DETAIL -> {
                    if (fe > fs) {
                        e.set(RawEntry.DETAIL, fs, fe, esc);
                    }
                }
                case COL_QUERY -> {
                    if (fe > fs) {
                        e.set(RawEntry.STATEMENT, fs, fe, esc);
                    }
                }
                default -> {
                }
            }
            col++;
            if (i < limit && a[i] == '\r' && i + 1 < limit && a[i + 1] == '\n') {
                i++;
            }
            if (i >= limit) {
                if (!eof) {
                    return NEED_MORE;
                }
                break;
            }
            if (a[i] == '\n') {
                lines++;
                i++;
                break;
            }
            if (a[i] != ',') {
                e.malformed = "csv field in column " + col + " is followed by '" + Bytes.printable(a, i, i + 1, 8)
                        + "' where a comma or the end of the record was expected";
                return resync(a, pos, lineAfter(a, i, limit), e);
            }
            i++;
        }
        e.lines = lines;
        if (col < MIN_COLUMNS) {
            e.malformed = "csv record has " + col + " columns where csvlog has at least " + MIN_COLUMNS;
            return resync(a, pos, i, e);
        }
        e.severity = sevStart >= 0 ? Severity.of(a, sevStart, sevEnd) : null;
        if (e.severity == null) {
            e.malformed = "csv column 12 (error_severity) holds no level such as LOG or ERROR";
            return resync(a, pos, i, e);
        } else if (LinePrefix.timestamp(a, e.start[RawEntry.TIMESTAMP], e.end[RawEntry.TIMESTAMP]) != e.end[RawEntry.TIMESTAMP]) {
            e.malformed = "csv column 1 (log_time) holds no timestamp";
            return resync(a, pos, i, e);
        }
        return i;
    }

    /**
     * After a malformed record: go on at the first later line that starts like a record (a timestamp and a
     * comma) before {@code end}, so a cut record never swallows the good ones after it.
     */
    private static int resync(byte[] a, int pos, int end, RawEntry e) {
        int lines = 0;
        int i = pos;
        while (true) {
            int nl = Bytes.indexOf(a, i, end, (byte) '\n');
            if (nl < 0 || nl + 1 >= end) {
                e.lines = lines + (nl < 0 ? 0 : 1);
                return end;
            }
            lines++;
            int ts = LinePrefix.timestamp(a, nl + 1, end);
            if (ts > 0 && ts < end && a[ts] == ',') {
                e.lines = lines;
                return nl + 1;
            }
            i = nl + 1;
        }
    }

    private static int lineAfter(byte[] a, int from, int limit) {
        int nl = Bytes.indexOf(a, from, limit, (byte) '\n');
        return nl < 0 ? limit : nl + 1;
    }

    @Override
    public boolean startsEntry(byte[] a, int pos, int limit) {
        // a line that starts with a timestamp and a comma, and reads as a whole record with a level
        int ts = LinePrefix.timestamp(a, pos, limit);
        if (ts < 0 || ts >= limit || a[ts] != ',') {
            return false;
        }
        RawEntry probe = new RawEntry();
        probe.reset(a);
        int end = frame(a, pos, limit, false, probe);
        return end > 0 && probe.malformed == null;
    }
}
