package dev.pglab.harness.measure;

/**
 * Measures CPU use of a process over a wall-clock window: {@code start()}, work, {@code stop()}. The
 * percentage is of one core (100 % = one core busy), as top and pg_walstream report it.
 */
public final class CpuMeter {
    private final long pid;
    private long cpuStart;
    private long wallStart;

    private CpuMeter(long pid) {
        this.pid = pid;
    }

    public static CpuMeter self() {
        return new CpuMeter(ProcessHandle.current().pid());
    }

    public static CpuMeter of(long pid) {
        return new CpuMeter(pid);
    }

    public CpuMeter start() {
        cpuStart = cpuNanos();
        wallStart = System.nanoTime();
        return this;
    }

    /** The window so far; its CPU time is -1 when the process could not be read at either end. */
    public Reading stop() {
        long now = cpuNanos();
        return new Reading(now < 0 || cpuStart < 0 ? -1 : now - cpuStart, System.nanoTime() - wallStart);
    }

    private long cpuNanos() {
        return ProcessCpu.pidNanos(pid);
    }

    /** CPU and wall time of one window, in nanoseconds. */
    public record Reading(long cpuNanos, long wallNanos) {
        /** CPU use in percent of one core. */
        public double percentOfCore() {
            return wallNanos <= 0 ? 0 : 100.0 * cpuNanos / wallNanos;
        }
    }
}
