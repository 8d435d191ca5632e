package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UrlTargetTest {

    @Test
    void acceptsJdbcAndLibpqUrlsAndShowsNoCredentials() {
        assertThat(UrlTarget.parse("jdbc:postgresql://db1:5433/app?user=x&password=secret&sslmode=require", Optional.empty()).describe())
                .isEqualTo("postgresql://db1:5433");
        assertThat(UrlTarget.parse("postgresql://bob:pw@db2:5432/app", Optional.empty()).describe())
                .isEqualTo("postgresql://db2:5432");
    }

    @Test
    void rejectsWhatIsNotAUrlWithTheReason() {
        assertThatThrownBy(() -> UrlTarget.parse("mysql://x", Optional.empty()))
                .hasMessageContaining("'mysql://x' is not a PostgreSQL URL");
        assertThatThrownBy(() -> UrlTarget.parse("jdbc:postgresql:///db", Optional.empty()))
                .hasMessageContaining("names no host");
    }
}
