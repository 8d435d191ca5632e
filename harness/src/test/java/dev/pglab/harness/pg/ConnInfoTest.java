package dev.pglab.harness.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnInfoTest {
    private static final Map<String, String> NO_ENV = Map.of("PGPASSFILE", "/nonexistent/pgpass");

    private static ConnInfo resolve(String host, Integer port, String user, String dbname, Map<String, String> env) {
        return ConnInfo.resolve(new ConnInfo.Given(host, port, user, dbname), env);
    }

    @Test
    void everyUrlShapeNamesTheSameServer() {
        ConnInfo expected = new ConnInfo("db.example", 6543, "u", "shop", Optional.of("pw"), Map.of());
        for (String url : new String[] {
                "postgresql://u:pw@db.example:6543/shop",
                "postgres://u:pw@db.example:6543/shop",
                "jdbc:postgresql://db.example:6543/shop?user=u&password=pw",
                "host=db.example port=6543 user=u dbname=shop password=pw",
                "host=db.example port = 6543 user='u' dbname='shop' password='pw'"}) {
            assertThat(resolve(null, null, null, url, NO_ENV)).as(url).isEqualTo(expected);
        }
        assertThat(resolve("db.example", 6543, "u", "shop", Map.of("PGPASSWORD", "pw", "PGPASSFILE", "/x")))
                .isEqualTo(expected);
    }

    @Test
    void explicitOptionsBeatTheStringAndTheStringBeatsTheEnvironment() {
        Map<String, String> env = Map.of("PGHOST", "envhost", "PGPORT", "1111", "PGUSER", "envuser",
                "PGDATABASE", "envdb", "PGPASSFILE", "/x");
        ConnInfo fromEnv = resolve(null, null, null, null, env);
        assertThat(fromEnv).extracting(ConnInfo::host, ConnInfo::port, ConnInfo::user, ConnInfo::database)
                .containsExactly("envhost", 1111, "envuser", "envdb");
        ConnInfo mixed = resolve("h", null, null, "postgresql://a@b:2222/c", env);
        assertThat(mixed).extracting(ConnInfo::host, ConnInfo::port, ConnInfo::user, ConnInfo::database)
                .containsExactly("h", 2222, "a", "c");
    }

    @Test
    void defaultsAreLibpqs() {
        ConnInfo c = resolve(null, null, null, null, NO_ENV);
        assertThat(c.host()).isEqualTo("localhost");
        assertThat(c.port()).isEqualTo(5432);
        assertThat(c.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(c.database()).isEqualTo(c.user());
        assertThat(c.password()).isEmpty();
    }

    @Test
    void pgpassIsReadWithWildcardsAndEscapes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pgpass");
        Files.writeString(file, """
                # comment
                other:5432:*:u:nope
                h:*:shop:u:pa\\:ss
                *:*:*:*:fallback
                """);
        Map<String, String> env = Map.of("PGPASSFILE", file.toString());
        assertThat(resolve("h", 7000, "u", "shop", env).password()).contains("pa:ss");
        assertThat(resolve("h", 7000, "x", "shop", env).password()).contains("fallback");
        assertThat(resolve("h", 7000, "u", "postgresql://u:given@h/shop", env).password()).contains("given");
    }

    @Test
    void optionsAndIpv6PassThrough() {
        ConnInfo c = resolve(null, null, null, "postgresql://u@[::1]:5433/db?sslmode=disable", NO_ENV);
        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.hostPort()).isEqualTo("[::1]:5433");
        assertThat(c.options()).containsEntry("sslmode", "disable");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/db");
        assertThat(resolve(null, null, null, "jdbc:postgresql:///db?user=x", NO_ENV))
                .extracting(ConnInfo::host, ConnInfo::database, ConnInfo::user).containsExactly("localhost", "db", "x");
        assertThat(resolve(null, null, null, "plainname", NO_ENV).database()).isEqualTo("plainname");
    }

    @Test
    void otherSchemesAndBadPortsAreRefusedWithoutTheSecret() {
        assertThatThrownBy(() -> resolve(null, null, null, "mysql://x:SECRET@h/db", NO_ENV))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("SECRET")
                .hasMessageContaining("not a PostgreSQL connection string");
        assertThatThrownBy(() -> resolve(null, null, null, "jdbc:mysql://h/db?password=SECRET", NO_ENV))
                .hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> resolve(null, 0, null, null, NO_ENV)).hasMessageContaining("outside 1-65535");
        assertThatThrownBy(() -> resolve(null, null, null, "postgresql://h:abc/db", NO_ENV))
                .hasMessageContaining("not a number");
    }

    @Test
    void describeNeverShowsThePassword() {
        ConnInfo c = resolve(null, null, null, "postgresql://u:SECRET@h:1/db", NO_ENV);
        assertThat(c.describe()).isEqualTo("postgresql://u@h:1/db").doesNotContain("SECRET");
        assertThat(c.toString()).doesNotContain("SECRET");
    }
}
