package dev.pglab.harness.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PgServerConfigTest {

    @Test
    void profilesCombineAndExtrasWin() {
        PgServerConfig c = PgServerConfig.embedded(ServerProfile.OBSERVE, ServerProfile.CAPTURE)
                .withSetting("log_statement", "none");
        assertThat(c.profileKey()).isEqualTo("capture+observe");
        assertThat(c.settings()).containsEntry("log_statement", "none")
                .containsEntry("shared_preload_libraries", "pg_stat_statements,auto_explain")
                .containsEntry("log_line_prefix", "%m|%u|%d|%c|");
    }

    @Test
    void externalNeedsAUrl() {
        assertThatThrownBy(() -> new PgServerConfig(PgSource.EXTERNAL, Set.of(), Optional.empty(),
                PgServerConfig.defaultWorkDir(), 0, Map.of()))
                .isInstanceOf(PgServerException.class).hasMessageContaining("PGLAB_PG_URL");
    }

    @Test
    void urlsInBothFormsAreUnderstood() {
        PgServerConfig c = new PgServerConfig(PgSource.EXTERNAL, Set.of(), Optional.of("x"), PgServerConfig.defaultWorkDir(), 0, Map.of());
        ExternalPgServer a = ExternalPgServer.parse(c, "jdbc:postgresql://db.local:6543/app?user=alice&password=s%20cret");
        assertThat(a.host()).isEqualTo("db.local");
        assertThat(a.port()).isEqualTo(6543);
        assertThat(a.database()).isEqualTo("app");
        assertThat(a.user()).isEqualTo("alice");
        assertThat(a.password()).contains("s cret");
        ExternalPgServer b = ExternalPgServer.parse(c, "postgresql://bob:pw@localhost/shop");
        assertThat(b.port()).isEqualTo(5432);
        assertThat(b.user()).isEqualTo("bob");
        assertThat(b.password()).contains("pw");
        assertThat(b.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/shop");
    }

    @Test
    void unknownProfileNamesAreRejectedWithTheChoices() {
        assertThatThrownBy(() -> ServerProfile.parse("replication"))
                .hasMessageContaining("expected one of capture, logical, observe");
    }
}
