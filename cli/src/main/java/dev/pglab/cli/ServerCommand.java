package dev.pglab.cli;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.ServerProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts an embedded PostgreSQL with chosen profiles and keeps it up until Ctrl-C. */
@Command(name = "server",
        description = {"Start an embedded PostgreSQL 17 (binaries from Maven) and keep it running until Ctrl-C.",
                "It prints how to reach it with psql and with pglab's own -h/-p/-U/-d options. The log files it "
                        + "writes (with --profile capture: the capture you started it for) go to --keep DIR, outside the "
                        + "data directory, so they stay when the server stops and its data directory is removed."},
        footer = {"", "Examples:", "  pglab server --profile capture,logical",
                "  pglab server -p 5433 --profile capture --keep captures/today"})
public final class ServerCommand implements Callable<Integer> {

    @Option(names = "--profile", split = ",", paramLabel = "PROFILE",
            description = "Server profiles to combine: capture, logical, observe (e.g. --profile capture,logical).")
    List<String> profiles = List.of();

    @Option(names = {"-p", "--port"}, description = "Port to listen on (default: a free one).")
    int port;

    @Option(names = "--dir", description = "Where data directories go (default: ./target/pglab/pg).")
    Path dir;

    @Option(names = "--keep", paramLabel = "DIR",
            description = "Where the server writes its log files, kept after stop (default: target/pglab/captures/<timestamp>/).")
    Path keep;

    @Override
    public Integer call() throws InterruptedException {
        ServerProfile[] chosen = profiles.stream().map(ServerProfile::parse).toArray(ServerProfile[]::new);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is outside 0-65535");
        }
        PgServerConfig config = PgServerConfig.embedded(chosen).withPort(port);
        if (dir != null) {
            config = config.withWorkDir(dir.toAbsolutePath());
        }
        Path keepDir = (keep != null ? keep : Path.of("target", "pglab", "captures",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
        boolean writesLogFiles = "on".equals(config.settings().get("logging_collector"));
        if (writesLogFiles) {
            // the server writes its logs straight into the keep directory: nothing to copy in a race with the
            // shutdown, and nothing lost when the data directory goes
            try {
                Files.createDirectories(keepDir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            config = config.withSetting("log_directory", keepDir.toString());
        }
        PgServer server = PgServer.start(config);
        PrintStream out = System.out;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping PostgreSQL ...");
            try {
                server.close();
            } catch (RuntimeException e) {
                // the server died before us (killed, disk full): nothing left to stop, say so in one line
                out.println("pglab server: PostgreSQL was already stopped (" + FailureHandler.describe(e) + ")");
            }
            if (writesLogFiles) {
                out.println("pglab server: kept " + files(keepDir).count() + " log file(s) in " + keepDir);
            }
            out.flush();
            stopped.countDown();
        }, "pglab-server-stop"));
        String h = server.host();
        int p = server.port();
        out.println("PostgreSQL " + server.setting("server_version") + " is up (profiles: " + config.profileKey() + ")");
        out.println("  psql:      psql -h " + h + " -p " + p + " -U " + server.user() + " " + server.database());
        out.println("  pglab:     pglab replay LOG -h " + h + " -p " + p + " -U " + server.user() + " -d " + server.database());
        out.println("             (the same options for wal stream and cdc run; or export PGHOST=" + h + " PGPORT=" + p + ")");
        out.println("  URI:       postgresql://" + server.user() + "@" + h + ":" + p + "/" + server.database());
        out.println("  JDBC URL:  " + server.jdbcUrl() + "?user=" + server.user());
        server.dataDirectory().ifPresent(d -> out.println("  data dir:  " + d + " (removed on stop)"));
        if (writesLogFiles) {
            out.println("  logs:      " + keepDir + " (kept when the server stops)");
        }
        out.println("Press Ctrl-C to stop.");
        stopped.await();
        return ExitCodes.OK;
    }

    private static Stream<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }
}
