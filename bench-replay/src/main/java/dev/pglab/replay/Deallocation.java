package dev.pglab.replay;

import dev.pglab.parser.sql.SqlLexer;
import dev.pglab.parser.sql.SqlToken;
import java.util.Locale;

/**
 * A SQL {@code DEALLOCATE [PREPARE] name | ALL} statement, read with the parser's {@link SqlLexer}.
 *
 * @param all  {@code DEALLOCATE ALL}
 * @param name the statement name as the server sees it (unquoted names folded to lower case), else null
 */
record Deallocation(boolean all, String name) {

    /** The statement's target, or null when {@code sql} is not one lone DEALLOCATE. */
    static Deallocation of(String sql) {
        if (sql.length() < 10 || !sql.regionMatches(true, firstNonSpace(sql), "deallocate", 0, 10)) {
            return null; // the common case, decided without lexing
        }
        SqlLexer lexer = new SqlLexer(sql);
        String[] words = new String[3];
        int n = 0;
        while (lexer.next()) {
            SqlToken kind = lexer.kind();
            if (kind == SqlToken.WHITESPACE || kind == SqlToken.COMMENT || lexer.is(';')) {
                continue;
            }
            if (n == 3 || (kind != SqlToken.IDENTIFIER && kind != SqlToken.QUOTED_IDENTIFIER)) {
                return null;
            }
            String text = sql.substring(lexer.start(), lexer.end());
            words[n++] = kind == SqlToken.QUOTED_IDENTIFIER
                    ? text.substring(1, text.length() - 1).replace("\"\"", "\"") : text.toLowerCase(Locale.ROOT);
        }
        int at = n == 3 && "prepare".equals(words[1]) ? 2 : 1;
        if (n != at + 1 || !"deallocate".equals(words[0])) {
            return null;
        }
        return "all".equals(words[at]) ? new Deallocation(true, null) : new Deallocation(false, words[at]);
    }

    private static int firstNonSpace(String sql) {
        int i = 0;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }
}
