package dev.pglab.cli;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.PgSource;
import dev.pglab.harness.pg.ServerProfile;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Servers the command line starts for a run: {@code --target embedded} (the default) or {@code docker}. */
public final class Servers {
    private Servers() {
    }

    public static PgServer start(ConnectionOptions.Target target, ServerProfile... profiles) {
        return switch (target) {
            case ConnectionOptions.Target.Docker d -> docker(profiles);
            case ConnectionOptions.Target.Embedded e -> PgServer.start(PgServerConfig.embedded(profiles));
            case ConnectionOptions.Target.Server s -> throw new IllegalStateException("a running server is not started");
        };
    }

    /**
     * Testcontainers is not in pglab.jar (it is 11,000 classes few users need): with {@code --target docker} it
     * must be on the class path, as it is under {@code ./mvnw} (-Dpglab.pg=docker).
     */
    public static PgServer docker(ServerProfile... profiles) {
        try {
            Class.forName("org.testcontainers.containers.PostgreSQLContainer", false, Servers.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("--target docker needs Testcontainers, which pglab.jar leaves out: run the "
                    + "suites with ./mvnw verify -Dpglab.pg=docker, or start PostgreSQL in Docker yourself and pass -h/-p");
        }
        return PgServer.start(new PgServerConfig(PgSource.DOCKER, Set.of(profiles), Optional.empty(),
                PgServerConfig.defaultWorkDir(), 0, Map.of()));
    }
}
