package dev.pglab.harness.pg;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named presets of server settings. They combine: a server started with {@code CAPTURE} and {@code LOGICAL}
 * carries the settings of both.
 */
public enum ServerProfile {
    /** Everything a replay needs logged, in all three log formats at once. */
    CAPTURE(Map.ofEntries(
            Map.entry("log_destination", "stderr,csvlog,jsonlog"),
            Map.entry("logging_collector", "on"),
            Map.entry("log_directory", "log"),
            Map.entry("log_filename", "postgresql.log"),
            Map.entry("log_rotation_age", "0"),
            Map.entry("log_rotation_size", "0"),
            Map.entry("log_line_prefix", "%m|%u|%d|%c|"),
            Map.entry("log_statement", "all"),
            Map.entry("log_connections", "on"),
            Map.entry("log_disconnections", "on"),
            Map.entry("log_min_error_statement", "log"),
            Map.entry("log_parameter_max_length", "-1"),
            Map.entry("log_timezone", "UTC"),
            Map.entry("lc_messages", "C"))),
    /** Logical decoding: pgoutput slots and walsenders. */
    LOGICAL(Map.of(
            "wal_level", "logical",
            "max_replication_slots", "16",
            "max_wal_senders", "16",
            "max_logical_replication_workers", "4")),
    /** Server-side observation: statement statistics, plans, I/O timing. */
    OBSERVE(Map.of(
            "shared_preload_libraries", "pg_stat_statements,auto_explain",
            "track_io_timing", "on",
            "pg_stat_statements.track", "all"));

    private final Map<String, String> settings;

    ServerProfile(Map<String, String> settings) {
        this.settings = settings;
    }

    public Map<String, String> settings() {
        return settings;
    }

    /** The merged settings of several profiles, in a stable order. */
    public static Map<String, String> settingsOf(Set<ServerProfile> profiles) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (ServerProfile p : values()) {
            if (profiles.contains(p)) {
                new java.util.TreeMap<>(p.settings).forEach(merged::put);
            }
        }
        return merged;
    }

    public static ServerProfile parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown server profile '" + name
                    + "': expected one of capture, logical, observe");
        }
    }
}
