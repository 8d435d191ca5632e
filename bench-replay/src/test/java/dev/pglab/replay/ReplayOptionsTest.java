package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayOptionsTest {

    @Test
    void durationsInTheUsualUnits() {
        assertThat(ReplayOptions.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ReplayOptions.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ReplayOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ReplayOptions.duration("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> ReplayOptions.duration("soon")).hasMessageContaining("'soon'").hasMessageContaining("500ms");
    }

    @Test
    void timesAsIsoOrAsTheLogWritesThem() {
        assertThat(ReplayOptions.time("2026-11-25T15:00:00Z")).isEqualTo(Instant.parse("2026-11-25T15:00:00Z"));
        assertThat(ReplayOptions.time("2026-11-25 15:00:00.123 UTC")).isEqualTo(Instant.parse("2026-11-25T15:00:00.123Z"));
        assertThat(ReplayOptions.time("2026-11-25 16:00:00 +01:00")).isEqualTo(Instant.parse("2026-11-25T15:00:00Z"));
        assertThatThrownBy(() -> ReplayOptions.time("yesterday")).hasMessageContaining("'yesterday'");
    }

    @Test
    void nameMaps() {
        assertThat(ReplayOptions.nameMap(List.of("app=app_test", "b=c"), "--user-map")).containsExactly(
                Map.entry("app", "app_test"), Map.entry("b", "c"));
        assertThatThrownBy(() -> ReplayOptions.nameMap(List.of("app"), "--db-map")).hasMessageContaining("--db-map 'app'");
    }

    @Test
    void mapsTakeExactNamesFirstThenTheWildcardThenTheCapturedName() {
        ReplayConfig c = ReplayConfig.defaults().withMaps(Map.of("app", "app_test", "*", "everyone"), Map.of("prod", "test"));
        assertThat(c.targetUser("app")).isEqualTo("app_test");
        assertThat(c.targetUser("other")).isEqualTo("everyone");
        assertThat(c.targetDatabase("prod")).isEqualTo("test");
        assertThat(c.targetDatabase("other")).isEqualTo("other");
    }
}
