package dev.pglab.parser;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many cores a parallel parse may use, decided cheaply when it starts: the processors minus what other
 * processes keep busy. On a busy machine the parts only fight the other processes for the same cores and the
 * merge makes the parse slower than a sequential one, so below two free cores the parse runs sequentially.
 *
 * <p>Others' use is the machine's busy CPU time ({@code /proc/stat}) less this JVM's own, over the time since the
 * previous decision (back-to-back parses, as in a benchmark, measure each other's window), or over a 50 ms
 * sample when there was none lately. Busy time, not the load average: a parse's own waiting threads raise the
 * load average above the cores it uses, so it would see itself as competition. Without {@code /proc/stat}: the
 * 1-minute load average less this JVM's average use.
 */
final class FreeCores {
    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** /proc/stat counts in USER_HZ ticks, 100 per second on Linux whatever the kernel's own HZ. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final long SAMPLE_NANOS = 50_000_000L;
    private static final long STALE_NANOS = 2_000_000_000L;

    private record Sample(long wallNanos, long busyNanos, long ownNanos) {
    }

    private static Sample last;

    private FreeCores() {
    }

    /** Workers to use for a parse that asked for {@code requested}: 1 means sequential. */
    static synchronized int workers(int requested) {
        int cpus = Runtime.getRuntime().availableProcessors();
        Sample now = sample();
        if (now == null) {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            double load = os.getSystemLoadAverage();
            return load < 0 ? requested : workers(requested, cpus, Math.max(0, load - ownAverageCores()));
        }
        Sample before = last;
        if (before == null || now.wallNanos - before.wallNanos > STALE_NANOS) {
            before = now;
            sleep(SAMPLE_NANOS);
            now = sample();
        }
        last = now;
        long wall = now.wallNanos - before.wallNanos;
        double others = wall <= 0 ? 0
                : Math.max(0, (now.busyNanos - before.busyNanos) - (now.ownNanos - before.ownNanos)) / (double) wall;
        return workers(requested, cpus, others);
    }

    /** The rule itself: the cores others leave free, rounded to the nearest whole one, at least 1. */
    static int workers(int requested, int cpus, double othersCores) {
        int free = (int) Math.floor(cpus - othersCores + 0.5);
        return Math.max(1, Math.min(requested, free));
    }

    /** The machine's busy time and this JVM's CPU time now; null where /proc/stat cannot be read. */
    private static Sample sample() {
        try {
            String cpu = Files.readAllLines(PROC_STAT).getFirst();
            String[] f = cpu.trim().split("\\s+");
            if (!f[0].equals("cpu") || f.length < 5) {
                return null;
            }
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user .. steal; guest time is inside user already
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0); // idle + iowait
            return new Sample(System.nanoTime(), (total - idle) * NANOS_PER_TICK, ownCpuNanos());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long ownCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** This JVM's average number of busy cores since it started. */
    private static double ownAverageCores() {
        long upMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        return upMillis <= 0 ? 0 : ownCpuNanos() / 1e6 / upMillis;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
