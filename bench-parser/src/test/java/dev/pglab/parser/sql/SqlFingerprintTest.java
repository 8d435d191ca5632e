package dev.pglab.parser.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.From;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SqlFingerprintTest {

    @Test
    void literalsBecomePlaceholdersCommentsAndWhitespaceGo() {
        assertThat(SqlFingerprint.of("select 42 /* S07 q031 */"))
                .isEqualTo(SqlFingerprint.of("select   7 /* S01 q001 */"))
                .isEqualTo("select ?");
        assertThat(SqlFingerprint.of("SELECT * FROM t1 WHERE name = 'it''s' AND x > 1.5e-3 -- tail\n  AND y = E'a\\'b'"))
                .isEqualTo("select * from t1 where name = ? and x > ? and y = ?");
        assertThat(SqlFingerprint.of("insert into t values ($1, $2, $$dollar 'quoted'$$);"))
                .isEqualTo("insert into t values (?, ?, ?)");
        assertThat(SqlFingerprint.of("select \"Col 1\", col2 from \"T3\"")).isEqualTo("select \"Col 1\", col2 from \"T3\"");
    }

    @Test
    void aSignedNumberIsOneValueAndBinaryMinusStays() {
        assertThat(SqlFingerprint.of("UPDATE pgbench_branches SET bbalance = bbalance + -4021 WHERE bid = 1"))
                .isEqualTo(SqlFingerprint.of("UPDATE pgbench_branches SET bbalance = bbalance + 17 WHERE bid = 1"))
                .isEqualTo(SqlFingerprint.of("update pgbench_branches set bbalance = bbalance + -? where bid = ?"))
                .isEqualTo("update pgbench_branches set bbalance = bbalance + ? where bid = ?");
        assertThat(SqlFingerprint.of("select -1, a - 1, a-1, (-$1), f(-2.5), x::int - 3"))
                .isEqualTo("select ?, a - ?, a-?, (?), f(?), x::int - ?");
    }

    @Test
    void inListsAndValuesRowsOfAnyLengthAreOneShape() {
        assertThat(SqlFingerprint.of("select * from t where id IN (1, 2, 3) and k in ($1::int, $2::int)"))
                .isEqualTo(SqlFingerprint.of("select * from t where id in (7) and k in ($1)"))
                .isEqualTo("select * from t where id in (...) and k in (...)");
        assertThat(SqlFingerprint.of("select * from t where id in (select id from u)"))
                .isEqualTo("select * from t where id in (select id from u)");
        assertThat(SqlFingerprint.of("insert into t (a, b) values (1, 'x'), (2, 'y'), (-3, $1)"))
                .isEqualTo(SqlFingerprint.of("insert into t (a, b) values (5, 'z')"))
                .isEqualTo("insert into t (a, b) values (?, ?)");
        assertThat(SqlFingerprint.of("insert into t values (1, now()), (2, 3)"))
                .isEqualTo("insert into t values (?, now()), (?, ?)");
    }

    @Test
    void longTextsAreCut() {
        assertThat(SqlFingerprint.of("select " + "a, ".repeat(2000) + "b")).hasSize(SqlFingerprint.MAX_LENGTH);
    }

    @Provide
    Arbitrary<String> literal() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().between(-1e6, 1e6).ofScale(3).map(String::valueOf),
                Arbitraries.strings().ofMaxLength(20).map(s -> "'" + s.replace("'", "''") + "'"),
                Arbitraries.strings().ofMaxLength(20).map(s -> "E'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"),
                Arbitraries.strings().alpha().ofMaxLength(10).map(s -> "$q$" + s + "$q$"),
                Arbitraries.integers().between(1, 99).map(n -> "$" + n),
                Arbitraries.integers().between(1, 99).map(n -> "-$" + n),
                Arbitraries.just("?"),
                Arbitraries.just("-?"));
    }

    @Property
    void valuesDoNotChangeTheFingerprint(@ForAll("literal") String a, @ForAll("literal") String b) {
        String template = "select id, note from items where id = %s and note <> %s and n + %s > 0 order by id";
        assertThat(SqlFingerprint.of(template.formatted(a, b, a)))
                .isEqualTo(SqlFingerprint.of(template.formatted("1", "'x'", "1")))
                .isEqualTo("select id, note from items where id = ? and note <> ? and n + ? > ? order by id");
    }

    @Property
    void anInListOfAnyLengthIsOneShape(@ForAll @Size(min = 1, max = 40) List<@From("literal") String> values) {
        String sql = "select * from t where k in (" + String.join(", ", values) + ") and v = 1";
        assertThat(SqlFingerprint.of(sql)).isEqualTo("select * from t where k in (...) and v = ?");
    }

    @Property
    void valuesRowsOfAnyNumberAreOneShape(@ForAll @Size(min = 1, max = 30) List<@From("literal") String> firsts,
                                          @ForAll("literal") String second) {
        String rows = firsts.stream().map(v -> "(" + v + ", " + second + ")").collect(Collectors.joining(", "));
        assertThat(SqlFingerprint.of("INSERT INTO t (a, b) VALUES " + rows + " RETURNING id"))
                .isEqualTo("insert into t (a, b) values (?, ?) returning id");
    }

    @Property
    void fingerprintingIsIdempotent(@ForAll("literal") String a, @ForAll @Size(max = 5) List<@From("literal") String> list) {
        String fp = SqlFingerprint.of("update t set v = " + a + " where k = $1 and j in (" + String.join(",", list)
                + ") /* c */ ;");
        assertThat(SqlFingerprint.of(fp)).isEqualTo(fp);
    }

    @Property
    void aFingerprintHoldsNoConstantNoParameterAndNoComment(@ForAll("literal") String a, @ForAll("literal") String b) {
        String fp = SqlFingerprint.of("select " + a + " -- " + b + "\n, f(" + b + ") /* " + a + " */ from t where x = " + a);
        assertThat(SqlLexer.tokens(fp)).extracting(SqlLexer.Token::kind)
                .doesNotContain(SqlToken.STRING, SqlToken.NUMBER, SqlToken.PARAMETER, SqlToken.COMMENT);
    }
}
