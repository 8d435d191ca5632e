package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class QueryFingerprintTest {

    @Test
    void literalsBecomePlaceholdersCommentsAndWhitespaceGo() {
        assertThat(QueryFingerprint.of("select 42 /* S07 q031 */"))
                .isEqualTo(QueryFingerprint.of("select   7 /* S01 q001 */"))
                .isEqualTo("select ?");
        assertThat(QueryFingerprint.of("SELECT * FROM t1 WHERE name = 'it''s' AND x > 1.5e-3 -- tail\n  AND y = E'a\\'b'"))
                .isEqualTo("SELECT * FROM t1 WHERE name = ? AND x > ? AND y = ?");
        assertThat(QueryFingerprint.of("insert into t values ($1, $2, $$dollar 'quoted'$$)"))
                .isEqualTo("insert into t values ($1, $2, ?)");
        assertThat(QueryFingerprint.of("select \"Col 1\", col2 from \"T3\"")).isEqualTo("select \"Col 1\", col2 from \"T3\"");
    }

    @Provide
    Arbitrary<String> literal() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, Integer.MAX_VALUE).map(String::valueOf),
                Arbitraries.doubles().between(0, 1e6).ofScale(3).map(String::valueOf),
                Arbitraries.strings().ofMaxLength(20).map(s -> "'" + s.replace("'", "''") + "'"),
                Arbitraries.strings().alpha().ofMaxLength(10).map(s -> "$q$" + s + "$q$"));
    }

    @Property
    void valuesDoNotChangeTheFingerprint(@ForAll("literal") String a, @ForAll("literal") String b) {
        String template = "select id, note from items where id = %s and note <> %s order by id";
        assertThat(QueryFingerprint.of(template.formatted(a, b)))
                .isEqualTo(QueryFingerprint.of(template.formatted("1", "'x'")))
                .isEqualTo("select id, note from items where id = ? and note <> ? order by id");
    }

    @Property
    void fingerprintingIsIdempotent(@ForAll("literal") String a) {
        String fp = QueryFingerprint.of("update t set v = " + a + " where k = $1");
        assertThat(QueryFingerprint.of(fp)).isEqualTo(fp);
    }
}
