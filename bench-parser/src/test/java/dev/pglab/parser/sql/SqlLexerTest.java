package dev.pglab.parser.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static List<String> texts(String sql) {
        return SqlLexer.tokens(sql).stream().filter(t -> t.kind() != SqlToken.WHITESPACE).map(t -> t.text(sql)).toList();
    }

    @Test
    void constructsThatHideSyntaxAreOneToken() {
        String sql = "select E'a\\'b', 'it''s', $t$ $1 ? 'x $t$, \"a\"\"b\", x$1, $2, ?, /* a /* nested */ ? */ 0x1F, 1.5e-3 -- c ?\n";
        assertThat(texts(sql)).containsExactly("select", "E'a\\'b'", ",", "'it''s'", ",", "$t$ $1 ? 'x $t$", ",",
                "\"a\"\"b\"", ",", "x$1", ",", "$2", ",", "?", ",", "/* a /* nested */ ? */", "0x1F", ",", "1.5e-3",
                "-- c ?\n");
        assertThat(SqlLexer.tokens("U&'d\\0061' B'101' X'1F' n'x'")).extracting(SqlLexer.Token::kind)
                .containsExactly(SqlToken.STRING, SqlToken.WHITESPACE, SqlToken.STRING, SqlToken.WHITESPACE,
                        SqlToken.STRING, SqlToken.WHITESPACE, SqlToken.STRING);
    }

    @Test
    void operatorsAreTrimmedAsPostgresTrimsThem() {
        assertThat(texts("a=-5 b+-$1 c @- d <>-1 e::int f->>'k' g?|h")).containsExactly("a", "=", "-", "5", "b", "+",
                "-", "$1", "c", "@-", "d", "<>", "-", "1", "e", "::", "int", "f", "->>", "'k'", "g", "?", "|", "h");
        assertThat(texts("a--b\n*/*c*/d")).containsExactly("a", "--b\n", "*", "/*c*/", "d");
        // PostgreSQL ends a line comment at a carriage return too (a client writing CR line ends)
        assertThat(texts("select 1 -- c\rfrom t")).containsExactly("select", "1", "-- c\r", "from", "t");
    }

    @Property
    void tokensCoverAnyTextExactlyAndInOrder(@ForAll String sql) {
        int at = 0;
        StringBuilder again = new StringBuilder();
        for (SqlLexer.Token t : SqlLexer.tokens(sql)) {
            assertThat(t.start()).isEqualTo(at);
            assertThat(t.end()).isGreaterThan(t.start());
            again.append(t.text(sql));
            at = t.end();
        }
        assertThat(again.toString()).isEqualTo(sql);
    }

    @Provide
    Arbitrary<String> constant() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(s -> "'" + s.replace("'", "''") + "'"),
                Arbitraries.strings().ofMaxLength(30).map(s -> "e'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"),
                // the first closing tag must be the one appended: a body ending in "$x" (or "$") would close early
                Arbitraries.strings().ofMaxLength(30).filter(s -> closesLast(s, "$x$")).map(s -> "$x$" + s + "$x$"),
                Arbitraries.strings().ofMaxLength(30).filter(s -> closesLast(s, "$$")).map(s -> "$$" + s + "$$"),
                Arbitraries.longs().greaterOrEqual(0).map(String::valueOf),
                Arbitraries.doubles().between(0, 1e9).map(String::valueOf),
                Arbitraries.integers().greaterOrEqual(0).map(n -> "0x" + Integer.toHexString(n)));
    }

    private static boolean closesLast(String body, String tag) {
        return (body + tag).indexOf(tag) == body.length();
    }

    @Test
    void aDollarQuoteEndsAtItsFirstClosingTag() {
        assertThat(texts("$x$a$x$x$ $$a$$$")).containsExactly("$x$a$x$", "x$", "$$a$$", "$");
    }

    @Property
    void aConstantIsOneTokenWhateverItHolds(@ForAll("constant") String constant) {
        String sql = "select " + constant + ", ?";
        List<SqlLexer.Token> tokens = SqlLexer.tokens(sql);
        assertThat(tokens.get(2).text(sql)).isEqualTo(constant);
        assertThat(tokens.get(2).kind()).isIn(SqlToken.STRING, SqlToken.NUMBER);
        assertThat(tokens.getLast().kind()).isEqualTo(SqlToken.PLACEHOLDER);
    }

    @Property
    void aCommentIsOneTokenWhateverItHolds(@ForAll String body) {
        // A space after every '*' and '/' keeps the body from opening or closing a comment of its own: PostgreSQL
        // nests block comments, so a body ending in '/' would turn the closing "*/" into a nested "/*".
        String block = "/*" + body.replace("*", "* ").replace("/", "/ ") + "*/";
        String line = "--" + body.replace("\n", "").replace("\r", "") + "\n";
        for (String comment : List.of(block, line)) {
            String sql = "select 1 " + comment + "?";
            List<SqlLexer.Token> tokens = SqlLexer.tokens(sql);
            assertThat(tokens.get(4).text(sql)).isEqualTo(comment);
            assertThat(tokens.get(4).kind()).isEqualTo(SqlToken.COMMENT);
            assertThat(tokens.getLast().kind()).isEqualTo(SqlToken.PLACEHOLDER);
        }
    }
}
