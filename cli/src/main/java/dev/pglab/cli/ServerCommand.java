package dev.pglab.cli;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.ServerProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts an embedded PostgreSQL with chosen profiles and keeps it up until Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Start an embedded PostgreSQL 17 (binaries from Maven) and keep it running until Ctrl-C.")
public final class ServerCommand implements Callable<Integer> {

    @Option(names = {"-p", "--profile"}, split = ",", paramLabel = "PROFILE",
            description = "Server profiles to combine: capture, logical, observe (e.g. --profile capture,logical).")
    List<String> profiles = List.of();

    @Option(names = "--port", description = "Port to listen on (default: a free one).")
    int port;

    @Option(names = "--dir", description = "Where data directories go (default: ./target/pglab/pg).")
    Path dir;

    @Override
    public Integer call() throws InterruptedException {
        ServerProfile[] chosen = profiles.stream().map(ServerProfile::parse).toArray(ServerProfile[]::new);
        PgServerConfig config = PgServerConfig.embedded(chosen).withPort(port);
        if (dir != null) {
            config = config.withWorkDir(dir.toAbsolutePath());
        }
        PgServer server = PgServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping PostgreSQL ...");
            server.close();
            stopped.countDown();
        }, "pglab-server-stop"));
        System.out.println("PostgreSQL " + server.setting("server_version") + " is up (profiles: "
                + config.profileKey() + ")");
        System.out.println("  JDBC URL:  " + server.jdbcUrl() + "?user=" + server.user());
        System.out.println("  psql:      psql -h " + server.host() + " -p " + server.port() + " -U " + server.user() + " " + server.database());
        server.dataDirectory().ifPresent(d -> System.out.println("  data dir:  " + d));
        server.logFiles().stderr().ifPresent(f -> System.out.println("  log:       " + f));
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
