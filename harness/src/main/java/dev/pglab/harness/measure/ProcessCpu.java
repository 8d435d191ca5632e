package dev.pglab.harness.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of processes: this JVM (all threads) and, on Linux, any process by pid (e.g. a walsender). */
public final class ProcessCpu {
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on every Linux pglab runs on
    private ProcessCpu() {
    }

    /** CPU time of this JVM in nanoseconds, user + system. */
    public static long selfNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return pidNanos(ProcessHandle.current().pid());
    }

    /** CPU time (user + system) of a process from /proc/PID/stat, in nanoseconds; -1 when unreadable. */
    public static long pidNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces: fields start after the closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Resident set size of a process in bytes from /proc/PID/status; -1 when unreadable. */
    public static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    public static long selfRssBytes() {
        return rssBytes(ProcessHandle.current().pid());
    }
}
