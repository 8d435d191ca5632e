package dev.pglab.replay;

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
        int n = captured.length();
        int i = 0;
        while (i < n) {
            char c = captured.charAt(i);
            int end;
            if (c == '\'') {
                end = SqlScanner.skipSingleQuoted(captured, i, SqlScanner.isEscapeString(captured, i));
            } else if (c == '"') {
                end = SqlScanner.skipDoubleQuoted(captured, i);
            } else if (SqlScanner.startsLineComment(captured, i)) {
                end = SqlScanner.skipLineComment(captured, i);
            } else if (SqlScanner.startsBlockComment(captured, i)) {
                end = SqlScanner.skipBlockComment(captured, i);
            } else if (c == '$') {
                int p = SqlScanner.parameterEnd(captured, i);
                if (p > 0) {
                    order.add(Integer.parseInt(captured, i + 1, p, 10) - 1);
                    out.append('?');
                    i = p;
                    continue;
                }
                int tag = SqlScanner.dollarTagLength(captured, i);
                end = tag > 0 ? SqlScanner.skipDollarQuoted(captured, i, tag) : i + 1;
            } else if (c == '?') {
                out.append("??");
                i++;
                continue;
            } else {
                end = i + 1;
            }
            out.append(captured, i, end);
            i = end;
        }
        return new JdbcSql(out.toString(), order.stream().mapToInt(Integer::intValue).toArray());
    }
}
