package dev.pglab.parser;

/** The level a log line carries; the secondary ones (DETAIL ...) only continue the entry before them in stderr logs. */
enum Severity {
    LOG, ERROR, FATAL, PANIC, WARNING, NOTICE, INFO, DEBUG, DETAIL, HINT, QUERY, CONTEXT, LOCATION, STATEMENT, UNKNOWN;

    boolean secondary() {
        return ordinal() >= DETAIL.ordinal() && this != UNKNOWN;
    }

    /** The level named by the bytes [from, to), e.g. {@code LOG}, {@code DEBUG1}; null when no level. */
    static Severity of(byte[] a, int from, int to) {
        int n = to - from;
        if (n < 3 || n > 9) {
            return null;
        }
        byte c = a[from];
        return switch (c) {
            case 'L' -> is(a, from, to, "LOG") ? LOG : is(a, from, to, "LOCATION") ? LOCATION : null;
            case 'E' -> is(a, from, to, "ERROR") ? ERROR : null;
            case 'F' -> is(a, from, to, "FATAL") ? FATAL : null;
            case 'P' -> is(a, from, to, "PANIC") ? PANIC : null;
            case 'W' -> is(a, from, to, "WARNING") ? WARNING : null;
            case 'N' -> is(a, from, to, "NOTICE") ? NOTICE : null;
            case 'I' -> is(a, from, to, "INFO") ? INFO : null;
            case 'D' -> is(a, from, to, "DETAIL") ? DETAIL
                    : n >= 5 && is(a, from, from + 5, "DEBUG") && (n == 5 || n == 6 && Bytes.isDigit(a[from + 5])) ? DEBUG : null;
            case 'H' -> is(a, from, to, "HINT") ? HINT : null;
            case 'Q' -> is(a, from, to, "QUERY") ? QUERY : null;
            case 'C' -> is(a, from, to, "CONTEXT") ? CONTEXT : null;
            case 'S' -> is(a, from, to, "STATEMENT") ? STATEMENT : null;
            default -> null;
        };
    }

    private static boolean is(byte[] a, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (a[from + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
