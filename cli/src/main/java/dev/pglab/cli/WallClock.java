package dev.pglab.cli;

import java.lang.management.ManagementFactory;

/**
 * The wall time a user has waited so far: since the JVM started (its start-up included). Not the operating
 * system's process start: the launcher script execs java in its own process, so that start would include
 * whatever the script did first (building the jar on first use).
 */
final class WallClock {
    private WallClock() {
    }

    static double secondsSinceJvmStart() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
    }
}
