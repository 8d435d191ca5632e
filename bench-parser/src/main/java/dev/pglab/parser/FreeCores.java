package dev.pglab.parser;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many cores a parallel parse may use, decided in microseconds when it starts: the processors minus what
 * other processes keep busy. Others' demand is the 1-minute load average less this JVM's own average CPU use
 * (a benchmark fork that has been parsing for a minute must not see itself as competition). On a busy machine
 * parallel parts only fight the other builds for the same cores and the merge gets slower than a sequential
 * parse, so below two free cores the parse runs sequentially.
 */
final class FreeCores {
    private FreeCores() {
    }

    /** Workers to use for a parse that asked for {@code requested}: 1 means sequential. */
    static int workers(int requested) {
        int cpus = Runtime.getRuntime().availableProcessors();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        double load = os.getSystemLoadAverage();
        if (load < 0) {
            return requested; // no load figure on this platform: trust the request
        }
        return workers(requested, cpus, load, ownCores(os));
    }

    /** The rule itself: others' load = load average - own use; free cores rounded to the nearest whole one. */
    static int workers(int requested, int cpus, double loadAverage, double ownCores) {
        double others = Math.max(0, loadAverage - ownCores);
        int free = (int) Math.floor(cpus - others + 0.5);
        return Math.max(1, Math.min(requested, free));
    }

    /** This JVM's average number of busy cores since it started. */
    private static double ownCores(OperatingSystemMXBean os) {
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long cpuNanos = sun.getProcessCpuTime();
            long upMillis = ManagementFactory.getRuntimeMXBean().getUptime();
            if (cpuNanos > 0 && upMillis > 0) {
                return cpuNanos / 1e6 / upMillis;
            }
        }
        return 0;
    }
}
