package dev.pglab.trace;

import dev.pglab.parser.sql.SqlLexer;
import dev.pglab.parser.sql.SqlToken;

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
        SqlLexer lexer = new SqlLexer(sql);
        boolean escaped = false;
        while (lexer.next()) {
            if (lexer.kind() != SqlToken.PLACEHOLDER) {
                out.append(sql, lexer.start(), lexer.end());
                escaped = false;
            } else if (escaped) {
                escaped = false; // the second ? of ??: the first one already wrote the literal ?
            } else if (lexer.end() < sql.length() && sql.charAt(lexer.end()) == '?') {
                out.append('?');
                escaped = true;
            } else {
                out.append('$').append(++n);
            }
        }
        return out.toString();
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
