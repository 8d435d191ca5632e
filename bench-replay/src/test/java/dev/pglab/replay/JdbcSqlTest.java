package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class JdbcSqlTest {

    @Test
    void dollarParametersBecomeQuestionMarksInOrderOfUse() {
        JdbcSql j = JdbcSql.of("select $2, $1::int + $1::int");
        assertThat(j.sql()).isEqualTo("select ?, ?::int + ?::int");
        assertThat(j.valueIndex()).containsExactly(1, 0, 0);
    }

    @Test
    void textThatOnlyLooksLikeParametersIsLeftAlone() {
        JdbcSql j = JdbcSql.of("select '$1 ?', \"col$1\", $tag$ $2 ? $tag$, x$1 -- $3 ?\n/* $4 ? */ from t where doc ? $1");
        assertThat(j.sql()).isEqualTo("select '$1 ?', \"col$1\", $tag$ $2 ? $tag$, x$1 -- $3 ?\n/* $4 ? */ from t where doc ?? ?");
        assertThat(j.valueIndex()).containsExactly(0);
    }

    @Property
    void everyParameterIsFoundOnce(@ForAll @IntRange(min = 1, max = 40) int n) {
        StringBuilder sql = new StringBuilder("insert into t values (");
        for (int i = n; i >= 1; i--) {
            sql.append('$').append(i).append(i > 1 ? ", " : ")");
        }
        JdbcSql j = JdbcSql.of(sql.toString());
        assertThat(j.valueIndex()).hasSize(n);
        assertThat(j.valueIndex()[0]).isEqualTo(n - 1);
        assertThat(j.sql()).doesNotContain("$");
    }
}
