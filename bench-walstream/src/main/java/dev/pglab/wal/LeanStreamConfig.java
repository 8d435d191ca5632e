package dev.pglab.wal;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how a {@link LeanReplicationStream} connects: server, database, role and password (trust, cleartext
 * or MD5 authentication), how often it reports the confirmed LSN, its latency budget, and extra startup
 * parameters (e.g. {@code wal_sender_timeout}, {@code application_name}). {@link #toString} never shows the password.
 */
public record LeanStreamConfig(String host, int port, String database, String user, String password,
                               Duration statusInterval, ReadPacing pacing, Map<String, String> startupParameters) {

    public LeanStreamConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + ": expected 1 to 65535");
        }
        if (statusInterval.isNegative() || statusInterval.isZero()) {
            throw new IllegalArgumentException("status interval " + statusInterval + ": expected a positive duration");
        }
        Objects.requireNonNull(pacing, "pacing");
        startupParameters = Map.copyOf(startupParameters);
    }

    /** Status every second, no latency budget, no extra startup parameters. */
    public static LeanStreamConfig of(String host, int port, String database, String user, String password) {
        return new LeanStreamConfig(host, port, database, user, password, Duration.ofSeconds(1), ReadPacing.IMMEDIATE, Map.of());
    }

    public LeanStreamConfig withStatusInterval(Duration v) {
        return new LeanStreamConfig(host, port, database, user, password, v, pacing, startupParameters);
    }

    public LeanStreamConfig withPacing(ReadPacing v) {
        return new LeanStreamConfig(host, port, database, user, password, statusInterval, v, startupParameters);
    }

    public LeanStreamConfig withStartupParameters(Map<String, String> v) {
        return new LeanStreamConfig(host, port, database, user, password, statusInterval, pacing, v);
    }

    @Override
    public String toString() {
        return "LeanStreamConfig[" + user + "@" + host + ":" + port + "/" + database + ", password "
                + (password == null ? "none" : "set") + ", status every " + statusInterval + ", " + pacing + "]";
    }
}
