package dev.pglab.harness.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of processes: this JVM (all threads) and, on Linux, any process by pid (e.g. a walsender). */
public final class ProcessCpu {
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on every Linux pglab runs on
    private ProcessCpu() {
    }

    /** CPU time of this JVM in nanoseconds, all threads (see {@link #pidNanos}). */
    public static long selfNanos() {
        long ns = pidNanos(ProcessHandle.current().pid());
        if (ns >= 0) {
            return ns;
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /**
     * CPU time of this JVM since it started, threads that already exited included (the kernel's process total,
     * counted in clock ticks of 10 ms): for windows of seconds, in which threads come and go (virtual threads'
     * carriers, JIT compiler threads). -1 when unknown.
     */
    public static long selfTotalNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /**
     * CPU time of a process in nanoseconds, summed over its threads from {@code /proc/PID/task/TID/schedstat}
     * (time on CPU at ns resolution). {@code /proc/PID/stat} and the JDK's process CPU time count 10 ms clock
     * ticks, useless for a 1-3 s window of a process using a few percent of a core (one tick = 30 % there); they
     * are the fallback. Threads that exit inside a window drop out of the sum, so measure processes whose
     * threads live through it (a backend, a walsender, a consumer). -1 when unreadable.
     */
    public static long pidNanos(long pid) {
        long total = 0;
        boolean any = false;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String s = Files.readString(task.resolve("schedstat"));
                    int space = s.indexOf(' ');
                    total += Long.parseLong(space < 0 ? s.trim() : s.substring(0, space));
                    any = true;
                } catch (IOException | NumberFormatException e) {
                    // a thread that ended while we read: its time is gone from the sum
                }
            }
        } catch (IOException e) {
            return tickNanos(pid);
        }
        return any ? total : tickNanos(pid);
    }

    /** CPU time (user + system) from /proc/PID/stat, in 10 ms ticks converted to nanoseconds. */
    static long tickNanos(long pid) {
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
