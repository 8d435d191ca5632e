package dev.pglab.harness.pg;

import java.nio.file.Path;
import java.util.Optional;

/** Asks the server which log files it writes now ({@code pg_current_logfile}) and resolves them. */
final class LogFileLocator {
    private LogFileLocator() {
    }

    static ServerLogFiles locate(PgServer server, Path dataDir) {
        return new ServerLogFiles(current(server, dataDir, "stderr"), current(server, dataDir, "csvlog"),
                current(server, dataDir, "jsonlog"));
    }

    private static Optional<Path> current(PgServer server, Path dataDir, String format) {
        String name;
        try {
            name = server.query("select pg_current_logfile('" + format + "')");
        } catch (PgServerException e) {
            // jsonlog is unknown before PostgreSQL 15
            return Optional.empty();
        }
        if (name == null) {
            return Optional.empty();
        }
        Path p = Path.of(name);
        return Optional.of(p.isAbsolute() ? p : dataDir.resolve(p));
    }
}
