package dev.pglab.harness.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a timing depends on besides the code: CPU, cores, memory, kernel, JDK. Results with the same
 * {@link #id()} are comparable; baselines live under {@code ci/baselines/<id>/}.
 */
public record MachineFingerprint(String cpuModel, int cores, long memoryBytes, String kernel, String arch,
                                 String jdkVendor, String jdkVersion, int javaMajor, List<String> jvmFlags,
                                 String jmhVersion) {

    public static MachineFingerprint current() {
        return new MachineFingerprint(readCpuModel(), Runtime.getRuntime().availableProcessors(), readMemoryBytes(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                System.getProperty("java.vendor"), System.getProperty("java.version"), Runtime.version().feature(),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), readJmhVersion());
    }

    /** A short, stable, file-name-safe id: cpu, cores, memory in GiB and JDK major. */
    public String id() {
        String cpu = cpuModel.toLowerCase(Locale.ROOT)
                .replaceAll("\\(r\\)|\\(tm\\)|cpu|processor|@.*$", "")
                .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        long gib = Math.round(memoryBytes / (1024.0 * 1024 * 1024));
        return arch + "-" + (cpu.isEmpty() ? "unknown" : cpu) + "-" + cores + "c-" + gib + "g-jdk" + javaMajor;
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    private static long readMemoryBytes() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return -1;
    }

    private static String readJmhVersion() {
        Package p = org.openjdk.jmh.runner.Runner.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v != null ? v : "1.37";
    }
}
