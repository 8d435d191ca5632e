package dev.pglab.harness.pg;

import dev.pglab.harness.result.LabLayout;
import dev.pglab.harness.result.LabSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How to obtain a server: built once, from code or from {@code -Dpglab.pg*} properties and {@code PGLAB_PG_URL}.
 *
 * @param source      embedded, docker or external
 * @param profiles    server profiles to apply (embedded, docker) or to require (external)
 * @param url         the JDBC URL of an external server
 * @param workDir     where embedded data directories live (under target/)
 * @param port        a fixed port, or 0 to pick a free one
 * @param extraSettings settings on top of the profiles
 */
public record PgServerConfig(PgSource source, Set<ServerProfile> profiles, Optional<String> url, Path workDir,
                             int port, Map<String, String> extraSettings) {

    public PgServerConfig {
        profiles = profiles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(profiles));
        extraSettings = Map.copyOf(extraSettings);
        if (source == PgSource.EXTERNAL && url.isEmpty()) {
            throw new PgServerException("an external server needs a URL: set PGLAB_PG_URL or -Dpglab.pg.url");
        }
    }

    public static PgServerConfig embedded(ServerProfile... profiles) {
        return new PgServerConfig(PgSource.EMBEDDED, Set.of(profiles), Optional.empty(), defaultWorkDir(), 0, Map.of());
    }

    /**
     * The configuration the user asked for: {@code -Dpglab.pg=embedded|docker|external}, {@code -Dpglab.pg.url}
     * or {@code PGLAB_PG_URL} (a URL alone means external), with the given profiles.
     */
    public static PgServerConfig fromEnvironment(ServerProfile... profiles) {
        return from(LabSettings.fromSystem(), profiles);
    }

    /** The server the settings ask for, with its data under the settings' {@link LabLayout#pg()}. */
    public static PgServerConfig from(LabSettings settings, ServerProfile... profiles) {
        Optional<String> maybeUrl = settings.pgUrl();
        String sourceName = settings.pgSource().orElse(maybeUrl.isPresent() ? "external" : "embedded");
        PgSource source = switch (sourceName.toLowerCase(java.util.Locale.ROOT)) {
            case "embedded" -> PgSource.EMBEDDED;
            case "docker" -> PgSource.DOCKER;
            case "external", "url" -> PgSource.EXTERNAL;
            default -> throw new PgServerException("-Dpglab.pg=" + sourceName + " is not a server source: expected embedded, docker or external");
        };
        return new PgServerConfig(source, Set.of(profiles), maybeUrl, settings.layout().pg(), 0, Map.of());
    }

    public PgServerConfig withProfiles(ServerProfile... more) {
        Set<ServerProfile> all = EnumSet.noneOf(ServerProfile.class);
        all.addAll(profiles);
        all.addAll(Arrays.asList(more));
        return new PgServerConfig(source, all, url, workDir, port, extraSettings);
    }

    public PgServerConfig withSetting(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(extraSettings);
        all.put(name, value);
        return new PgServerConfig(source, profiles, url, workDir, port, all);
    }

    public PgServerConfig withPort(int fixedPort) {
        return new PgServerConfig(source, profiles, url, workDir, fixedPort, extraSettings);
    }

    public PgServerConfig withWorkDir(Path dir) {
        return new PgServerConfig(source, profiles, url, dir, port, extraSettings);
    }

    /** Profile settings merged with the extra settings, extras winning. */
    public Map<String, String> settings() {
        Map<String, String> all = new LinkedHashMap<>(ServerProfile.settingsOf(profiles));
        all.putAll(extraSettings);
        return all;
    }

    /** A short stable name for the profile set, e.g. {@code capture+logical}. */
    public String profileKey() {
        if (profiles.isEmpty()) {
            return "plain";
        }
        return EnumSet.copyOf(profiles).stream().map(p -> p.name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining("+"));
    }

    /** {@code <reactor root>/target/pglab/pg} by default, so {@code mvn clean} removes stale data dirs. */
    public static Path defaultWorkDir() {
        return LabSettings.fromSystem().layout().pg();
    }
}
