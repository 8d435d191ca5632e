package dev.pglab.harness.pg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://x:SECRET@h:5432/db",
            "postgres://x:SECRET@h/db",
            "mysql://x:SECRET@h/db",
            "jdbc:postgresql://h/db?user=x&password=SECRET",
            "jdbc:postgresql:///db?user=x&password=SECRET",
            "jdbc:postgresql://h/db?password=SECRET&user=x",
            "host=h user=x password=SECRET dbname=db",
            "host=h password='SEC RET\\' SECRET' dbname=db",
            "host=h PASSWORD = SECRET",
            "postgresql://x:SEC@RET@h/db",
            "error: cannot connect to postgresql://x:SECRET@h:1/db: refused",
            "jdbc:postgresql://h/db?sslpassword=SECRET"})
    void noShapeLeaksThePassword(String text) {
        String redacted = Redaction.redact(text);
        assertThat(redacted).doesNotContain("SECRET").doesNotContain("SEC").contains(Redaction.MASK);
    }

    @Test
    void keepsEverythingElse() {
        assertThat(Redaction.redact("postgresql://x:pw@h:5432/db?sslmode=require"))
                .isEqualTo("postgresql://x:***@h:5432/db?sslmode=require");
        assertThat(Redaction.redact("jdbc:postgresql://h/db?user=x&password=pw&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=x&password=***&ssl=true");
        assertThat(Redaction.redact("postgresql://x@h/db")).isEqualTo("postgresql://x@h/db");
        assertThat(Redaction.redact("replayed 12 sessions")).isEqualTo("replayed 12 sessions");
        assertThat(Redaction.redact(null)).isNull();
    }
}
