package dev.pglab.replay;

import dev.pglab.parser.sql.SqlLexer;
import dev.pglab.parser.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;

/**
 * A captured extended-protocol statement ({@code $1}-style parameters) rewritten for PgJDBC, which only knows
 * {@code ?}: each {@code $n} becomes {@code ?} and remembers which captured value it takes; a literal {@code ?}
 * outside strings and comments (e.g. the jsonb operator) is doubled, PgJDBC's escape for it.
 *
 * @param sql        the text for {@link java.sql.Connection#prepareStatement(String)}
 * @param valueIndex for each {@code ?} in order, the 0-based index of the captured value it binds
 */
record JdbcSql(String sql, int[] valueIndex) {

    static JdbcSql of(String captured) {
        StringBuilder out = new StringBuilder(captured.length() + 8);
        List<Integer> order = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(captured);
        while (lexer.next()) {
            if (lexer.kind() == SqlToken.PARAMETER) {
                order.add(Integer.parseInt(captured, lexer.start() + 1, lexer.end(), 10) - 1);
                out.append('?');
            } else if (lexer.kind() == SqlToken.PLACEHOLDER) {
                out.append("??");
            } else {
                out.append(captured, lexer.start(), lexer.end());
            }
        }
        return new JdbcSql(out.toString(), order.stream().mapToInt(Integer::intValue).toArray());
    }
}
