package dev.pglab.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures {@code dev.pglab.ci.probe.ProbeBench} for real through the harness's {@code LabRunner} (a separate
 * JVM, as {@code -Pbench} runs it) at the smoke budget, optionally with an injection, and returns the result
 * file it wrote under {@code <root>/target/pglab/results/probe.json}.
 */
public final class ProbeRuns {
    private ProbeRuns() {
    }

    public static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** Runs the probe suite into {@code root}; {@code inject} is "", "slow", "alloc" or "slow,alloc". */
    public static Path run(Path root, String inject) throws IOException, InterruptedException {
        return run(root, inject, "smoke", "ProbeBench.*");
    }

    /** The same at another budget (quick: 2 forks) and for a regex of benchmark names within the probe package. */
    public static Path run(Path root, String inject, String budget, String include) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djmh.ignoreLock=true", // other engineers' JMH runs share this machine's lock file
                "-Dpglab.module=probe", "-Dpglab.suite.package=dev.pglab.ci.probe", "-Dpglab.root=" + root,
                "-Dpglab.budget=" + budget, "-Dpglab.include=" + include, "-cp", testClasspath(),
                "dev.pglab.harness.jmh.LabRunner"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGLAB_PROBE_INJECT", inject); // JMH forks inherit the environment
        Path log = root.resolve("probe-" + (inject.isEmpty() ? "clean" : inject.replace(',', '-')) + ".log");
        Files.createDirectories(root);
        pb.redirectOutput(log.toFile());
        int exit = pb.start().waitFor();
        Path result = root.resolve("target/pglab/results/probe.json");
        if (exit != 0 || !Files.exists(result)) {
            throw new IllegalStateException("LabRunner exited " + exit + ":\n" + Files.readString(log));
        }
        return result;
    }
}
