package dev.pglab.wal.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time in nanoseconds from {@code /proc/<pid>/task/<tid>/schedstat} (time on CPU, ns resolution), summed
 * over a process's threads. The JDK's process CPU time and {@code /proc/<pid>/stat} count 10 ms clock ticks,
 * which makes a 1-3 s window of a consumer using a few percent of a core useless (±1 tick = ±30 % there).
 * Threads that exit inside a window drop out of the sum, so measure processes whose threads live through it.
 */
final class SchedstatCpu {
    private SchedstatCpu() {
    }

    /** CPU time of all threads of a process, or -1 when unreadable (not Linux, process gone). */
    static long nanos(long pid) {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String s = Files.readString(task.resolve("schedstat"));
                    int space = s.indexOf(' ');
                    total += Long.parseLong(space < 0 ? s.trim() : s.substring(0, space));
                } catch (IOException | NumberFormatException e) {
                    // a thread that ended while we read: its time is gone from the sum
                }
            }
            return total;
        } catch (IOException e) {
            return -1;
        }
    }

    static long self() {
        return nanos(ProcessHandle.current().pid());
    }

    /** A window over one process: start, then {@link Window#stop()}. */
    static Window start(long pid) {
        return new Window(pid, nanos(pid), System.nanoTime());
    }

    record Window(long pid, long cpuStart, long wallStart) {
        /** CPU nanoseconds used since start, or -1 when unreadable. */
        long stop() {
            long now = nanos(pid);
            return now < 0 || cpuStart < 0 ? -1 : now - cpuStart;
        }
    }
}
