package dev.pglab.harness.pg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One initdb per work directory: the first embedded server of a build initialises a cluster template under
 * {@code <workDir>/cluster-template}, every later one starts on a copy of it. A paced suite starts a server in every
 * forked JVM and the ITs start dozens; initdb is most of a start (several seconds on 2 cores), a copy of the ~40 MB
 * cluster a fraction of one. The template has no pglab settings in it (each server appends its own profile's) and is
 * made with the same locale and encoding every server would get from initdb. {@code mvn clean} removes it.
 */
final class ClusterTemplate {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTemplate.class);
    private static final String DIR = "cluster-template";
    /** zonky's own lock file and the postmaster's: a copy must not start out locked. */
    private static final Set<String> NOT_COPIED = Set.of("epg-lock", "postmaster.pid", "postmaster.opts");
    private static final Object IN_THIS_JVM = new Object();

    private ClusterTemplate() {
    }

    /** What initdb and every start share, so a server on a copy is configured as one on its own initdb. */
    static EmbeddedPostgres.Builder configure(EmbeddedPostgres.Builder builder) {
        return builder.setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("timezone", "UTC")
                .setServerConfig("max_connections", "1100")
                .setLocaleConfig("locale", "C");
    }

    /** Copies the template (made first if missing) into {@code dataDir}; false when there is none to copy. */
    static boolean copyInto(Path workDir, Path dataDir) {
        Path template = workDir.resolve(DIR);
        try {
            ensure(workDir, template);
            copy(template, dataDir);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("no cluster template under {} ({}); this server runs its own initdb", workDir, e.toString());
            EmbeddedPgServer.deleteQuietly(dataDir);
            return false;
        }
    }

    static void discard(Path workDir) {
        synchronized (IN_THIS_JVM) {
            EmbeddedPgServer.deleteQuietly(workDir.resolve(DIR));
        }
    }

    private static void ensure(Path workDir, Path template) throws IOException {
        if (Files.exists(template.resolve("postgresql.conf"))) {
            return;
        }
        Files.createDirectories(workDir);
        synchronized (IN_THIS_JVM) {
            try (FileChannel channel = FileChannel.open(workDir.resolve(DIR + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (Files.exists(template.resolve("postgresql.conf"))) {
                    return; // another JVM made it while this one waited
                }
                // named like a server's data dir (<name>-<pid>-<n>) so a crash mid-way leaves nothing that is kept
                Path fresh = workDir.resolve("template-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
                try {
                    initdbAndStop(fresh);
                    EmbeddedPgServer.deleteQuietly(template); // an incomplete one, without postgresql.conf
                    Files.move(fresh, template, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    EmbeddedPgServer.deleteQuietly(fresh);
                }
            }
        }
    }

    /** initdb, then one start and a clean stop, so the copied cluster needs no crash recovery. */
    private static void initdbAndStop(Path dir) throws IOException {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        try (EmbeddedPostgres pg = configure(EmbeddedPostgres.builder()).setDataDirectory(dir).setCleanDataDirectory(false)
                .start()) {
            LOG.info("cluster template initialised on port {} in {} ms", pg.getPort(), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private static void copy(Path template, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        try (Stream<Path> walk = Files.walk(template)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path rel = template.relativize(source);
                if (rel.toString().isEmpty() || NOT_COPIED.contains(rel.toString())) {
                    continue;
                }
                Path target = dataDir.resolve(rel.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        // PostgreSQL refuses a data directory others can read
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
    }
}
