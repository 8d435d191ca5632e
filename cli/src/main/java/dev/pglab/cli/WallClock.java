package dev.pglab.cli;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

/** The wall time a user has waited so far: since the operating system started this process. */
final class WallClock {
    private WallClock() {
    }

    static double secondsSinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toNanos() / 1e9)
                // no start time from the OS: the JVM's own uptime (misses only the launcher's first milliseconds)
                .orElseGet(() -> ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
    }
}
