package dev.pglab.replay.trace;

/**
 * SQL text as the server sees it from PgJDBC: JDBC {@code ?} placeholders become {@code $1, $2, ...} outside
 * string literals, quoted identifiers, comments and dollar quotes ({@code ??} stays a literal {@code ?}). Also a
 * key for matching a server log's "Query Text" to a client call ({@link #matchKey}).
 */
final class NativeSql {
    private NativeSql() {
    }

    static String withDollarPlaceholders(String sql) {
        if (sql.indexOf('?') < 0) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int n = 0;
        int i = 0;
        int len = sql.length();
        while (i < len) {
            char c = sql.charAt(i);
            int skip = skipQuoted(sql, i);
            if (skip > i) {
                out.append(sql, i, skip);
                i = skip;
            } else if (c == '?') {
                if (i + 1 < len && sql.charAt(i + 1) == '?') {
                    out.append('?');
                    i += 2;
                } else {
                    out.append('$').append(++n);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The end of a quoted region or comment starting at {@code i}, or {@code i} when none starts there. */
    static int skipQuoted(String s, int i) {
        char c = s.charAt(i);
        int len = s.length();
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < len) {
                if (s.charAt(j) == c) {
                    if (j + 1 < len && s.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return len;
        }
        if (c == '-' && i + 1 < len && s.charAt(i + 1) == '-') {
            int nl = s.indexOf('\n', i);
            return nl < 0 ? len : nl;
        }
        if (c == '/' && i + 1 < len && s.charAt(i + 1) == '*') {
            int end = s.indexOf("*/", i + 2);
            return end < 0 ? len : end + 2;
        }
        if (c == '$') {
            int j = i + 1;
            while (j < len && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j < len && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
                String tag = s.substring(i, j + 1);
                int end = s.indexOf(tag, j + 1);
                return end < 0 ? len : end + tag.length();
            }
        }
        return i;
    }

    /** Whitespace collapsed, trailing semicolons and blanks dropped: how two texts of one statement compare. */
    static String matchKey(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean space = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        int end = out.length();
        while (end > 0 && (out.charAt(end - 1) == ';' || out.charAt(end - 1) == ' ')) {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }
}
