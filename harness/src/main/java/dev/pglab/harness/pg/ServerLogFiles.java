package dev.pglab.harness.pg;

import java.nio.file.Path;
import java.util.Optional;

/** The log files a server is writing now, one per destination that is on. */
public record ServerLogFiles(Optional<Path> stderr, Optional<Path> csv, Optional<Path> json) {

    public Path require(String format) {
        Optional<Path> p = switch (format) {
            case "stderr" -> stderr;
            case "csvlog", "csv" -> csv;
            case "jsonlog", "json" -> json;
            default -> throw new IllegalArgumentException("unknown log format " + format);
        };
        return p.orElseThrow(() -> new PgServerException("the server writes no " + format
                + " log: start it with the capture profile (log_destination stderr,csvlog,jsonlog, logging_collector on)"));
    }
}
