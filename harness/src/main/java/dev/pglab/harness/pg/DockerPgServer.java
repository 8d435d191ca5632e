package dev.pglab.harness.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL 17 in a Testcontainers container, with the same profiles as the embedded server. */
public final class DockerPgServer implements PgServer {
    static final String IMAGE = "postgres:17";
    private static final String CONTAINER_DATA = "/var/lib/postgresql/data";

    private final PostgreSQLContainer container;
    private final PgServerConfig config;
    private final Path logCopyDir;

    private DockerPgServer(PostgreSQLContainer container, PgServerConfig config, Path logCopyDir) {
        this.container = container;
        this.config = config;
        this.logCopyDir = logCopyDir;
    }

    static DockerPgServer start(PgServerConfig config) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new PgServerException("-Dpglab.pg=docker needs a running Docker engine, and none answers here; "
                    + "use the embedded server (the default) or PGLAB_PG_URL");
        }
        List<String> command = new ArrayList<>(List.of("postgres", "-c", "fsync=off"));
        config.settings().forEach((k, v) -> command.addAll(List.of("-c", k + "=" + v)));
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                .withDatabaseName("postgres").withUsername("postgres").withPassword("postgres")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust");
        container.setCommand(command.toArray(String[]::new));
        try {
            container.start();
            return new DockerPgServer(container, config, config.workDir().resolve("docker-logs-" + container.getContainerId()));
        } catch (RuntimeException e) {
            container.close();
            throw new PgServerException("cannot start " + IMAGE + " in Docker: " + e.getMessage(), e);
        }
    }

    @Override
    public PgSource source() {
        return PgSource.DOCKER;
    }

    @Override
    public Set<ServerProfile> profiles() {
        return config.profiles();
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(5432);
    }

    @Override
    public String database() {
        return "postgres";
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public Optional<String> password() {
        return Optional.of("postgres");
    }

    /** Copies the container's current log files out, so they can be read from here. */
    @Override
    public ServerLogFiles logFiles() {
        ServerLogFiles inside = LogFileLocator.locate(this, Path.of(CONTAINER_DATA));
        return new ServerLogFiles(copyOut(inside.stderr()), copyOut(inside.csv()), copyOut(inside.json()));
    }

    private Optional<Path> copyOut(Optional<Path> inContainer) {
        return inContainer.map(p -> {
            try {
                Files.createDirectories(logCopyDir);
                Path local = logCopyDir.resolve(p.getFileName().toString());
                container.copyFileFromContainer(p.toString(), local.toString());
                return local;
            } catch (IOException | RuntimeException e) {
                throw new PgServerException("cannot copy log " + p + " out of the container: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Optional<Path> dataDirectory() {
        return Optional.empty();
    }

    @Override
    public void close() {
        container.close();
    }

    @Override
    public String toString() {
        return "docker PostgreSQL " + jdbcUrl();
    }
}
