package dev.pglab.replay.trace;

/**
 * The normalised shape of a statement, for grouping like tkprof does: literals and {@code $n} parameters become
 * {@code ?}, whitespace collapses, unquoted text is lower-cased. The same for a trace's SQL and a
 * pg_stat_statements query text, so the two can be compared.
 */
public final class SqlShape {
    private SqlShape() {
    }

    public static String of(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int len = sql.length();
        boolean space = false;
        while (i < len) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
                i++;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            if (c == '-' && i + 1 < len && sql.charAt(i + 1) == '-' || c == '/' && i + 1 < len && sql.charAt(i + 1) == '*') {
                i = NativeSql.skipQuoted(sql, i);
                space = out.length() > 0;
                continue;
            }
            if (c == '\'') {
                i = NativeSql.skipQuoted(sql, i);
                out.append('?');
                continue;
            }
            if (c == '"') {
                int end = NativeSql.skipQuoted(sql, i);
                out.append(sql, i, end);
                i = end;
                continue;
            }
            if (c == '$') {
                int end = NativeSql.skipQuoted(sql, i);
                if (end > i) {
                    out.append('?'); // dollar-quoted literal
                    i = end;
                    continue;
                }
                int j = i + 1;
                while (j < len && Character.isDigit(sql.charAt(j))) {
                    j++;
                }
                if (j > i + 1) {
                    out.append('?');
                    i = j;
                    continue;
                }
            }
            boolean startsNumber = Character.isDigit(c) && (out.isEmpty() || !isIdentChar(out.charAt(out.length() - 1)));
            if (startsNumber) {
                int j = i;
                while (j < len && (Character.isDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                out.append('?');
                i = j;
                continue;
            }
            out.append(Character.toLowerCase(c));
            i++;
        }
        int end = out.length();
        while (end > 0 && (out.charAt(end - 1) == ';' || out.charAt(end - 1) == ' ')) {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
