package dev.pglab.harness.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine's load at one instant: 1-minute load average per core, and cumulative CPU jiffies (total and
 * steal) so two samples give the steal share between them. Linux only; elsewhere the values are NaN / 0.
 *
 * @param epochMillis when it was taken
 * @param loadPerCore 1-minute load average divided by the number of cores
 * @param totalJiffies cumulative CPU time of all cores (from /proc/stat)
 * @param stealJiffies cumulative stolen CPU time (from /proc/stat)
 */
public record LoadSample(long epochMillis, double loadPerCore, long totalJiffies, long stealJiffies) {

    public static LoadSample now() {
        double load = Double.NaN;
        long total = 0;
        long steal = 0;
        try {
            String avg = Files.readString(Path.of("/proc/loadavg"));
            load = Double.parseDouble(avg.split("\\s+")[0]) / Runtime.getRuntime().availableProcessors();
            List<String> stat = Files.readAllLines(Path.of("/proc/stat"));
            String[] cpu = stat.getFirst().trim().split("\\s+");
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc unreadable: NaN load says "unknown"
        }
        return new LoadSample(System.currentTimeMillis(), load, total, steal);
    }

    /** Share of CPU time stolen by the hypervisor between two samples, 0..1. */
    public static double stealBetween(LoadSample before, LoadSample after) {
        long total = after.totalJiffies - before.totalJiffies;
        return total <= 0 ? 0 : (double) (after.stealJiffies - before.stealJiffies) / total;
    }
}
