package dev.pglab.replay;

/**
 * A statement's shape with its literals normalised, so executions of one query with different values group
 * together: string constants, numbers and dollar-quoted strings become {@code ?}, comments go, runs of
 * whitespace become one space, keywords and identifiers keep their case. Parameters ({@code $1}) stay as
 * they are. Long texts are cut at {@value #MAX_LENGTH} characters.
 */
public final class QueryFingerprint {
    static final int MAX_LENGTH = 2000;

    private QueryFingerprint() {
    }

    public static String of(String sql) {
        StringBuilder out = new StringBuilder(Math.min(sql.length(), MAX_LENGTH));
        int n = sql.length();
        int i = 0;
        boolean pendingSpace = false;
        while (i < n && out.length() < MAX_LENGTH) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = out.length() > 0;
                i++;
                continue;
            }
            if (SqlScanner.startsLineComment(sql, i)) {
                i = SqlScanner.skipLineComment(sql, i);
                pendingSpace = out.length() > 0;
                continue;
            }
            if (SqlScanner.startsBlockComment(sql, i)) {
                i = SqlScanner.skipBlockComment(sql, i);
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            if (c == '\'') {
                boolean escape = SqlScanner.isEscapeString(sql, i);
                if (escape) {
                    out.setLength(out.length() - 1); // the E prefix belongs to the literal
                }
                i = SqlScanner.skipSingleQuoted(sql, i, escape);
                out.append('?');
            } else if (c == '"') {
                int end = SqlScanner.skipDoubleQuoted(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (c == '$') {
                int p = SqlScanner.parameterEnd(sql, i);
                int tag = p > 0 ? -1 : SqlScanner.dollarTagLength(sql, i);
                if (p > 0) {
                    out.append(sql, i, p);
                    i = p;
                } else if (tag > 0) {
                    i = SqlScanner.skipDollarQuoted(sql, i, tag);
                    out.append('?');
                } else {
                    out.append(c);
                    i++;
                }
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                if (i > 0 && SqlScanner.isIdentChar(sql.charAt(i - 1))) {
                    out.append(c); // a digit inside an identifier such as t1
                    i++;
                } else {
                    i = skipNumber(sql, i);
                    out.append('?');
                }
            } else if (SqlScanner.isIdentStart(c)) {
                int j = i + 1;
                while (j < n && SqlScanner.isIdentChar(sql.charAt(j))) {
                    j++;
                }
                out.append(sql, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        if (out.length() > MAX_LENGTH) {
            out.setLength(MAX_LENGTH);
        }
        return out.toString();
    }

    /** Past a numeric constant: digits, a fraction, an exponent, hex/octal/binary and underscores (PG 16). */
    private static int skipNumber(String s, int i) {
        int n = s.length();
        int j = i;
        while (j < n) {
            char c = s.charAt(j);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                j++;
            } else if ((c == '+' || c == '-') && j > i && (s.charAt(j - 1) == 'e' || s.charAt(j - 1) == 'E')) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }
}
