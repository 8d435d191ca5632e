package dev.pglab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeSqlTest {

    @Test
    void placeholdersBecomeDollarNumbersOutsideQuotesAndComments() {
        assertThat(NativeSql.withDollarPlaceholders("select ? , '?' , \"a?\" , ? -- ?\n, /* ? */ ?, $$ ? $$, $t$?$t$, ?"))
                .isEqualTo("select $1 , '?' , \"a?\" , $2 -- ?\n, /* ? */ $3, $$ ? $$, $t$?$t$, $4");
    }

    @Test
    void doubledQuestionMarkIsALiteralOperator() {
        assertThat(NativeSql.withDollarPlaceholders("select '{}'::jsonb ?? 'a', ?")).isEqualTo("select '{}'::jsonb ? 'a', $1");
    }

    @Test
    void escapedQuotesStayInsideTheLiteral() {
        assertThat(NativeSql.withDollarPlaceholders("select 'it''s ?', ?")).isEqualTo("select 'it''s ?', $1");
    }

    @Test
    void matchKeyIgnoresLayoutAndTrailingSemicolons() {
        assertThat(NativeSql.matchKey("  select 1\n\t from  t ;; ")).isEqualTo("select 1 from t");
    }

    @Test
    void onlyExecutorStatementsExpectAPlan() {
        assertThat(SessionTraceBuilder.runsInExecutor("/* c */ (select 1)")).isTrue();
        assertThat(SessionTraceBuilder.runsInExecutor(" -- x\nWITH a AS (select 1) select * from a")).isTrue();
        assertThat(SessionTraceBuilder.runsInExecutor("COMMIT")).isFalse();
        assertThat(SessionTraceBuilder.runsInExecutor("set x = 1")).isFalse();
    }
}
