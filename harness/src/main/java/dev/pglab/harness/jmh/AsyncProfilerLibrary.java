package dev.pglab.harness.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/** Extracts libasyncProfiler.so from the {@code tools.profiler:async-profiler} jar on the class path. */
final class AsyncProfilerLibrary {
    private AsyncProfilerLibrary() {
    }

    static Path extractTo(Path dir) throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        String resource = os.contains("mac") ? "macos/libasyncProfiler.so"
                : (arch.equals("aarch64") ? "linux-arm64" : "linux-x64") + "/libasyncProfiler.so";
        try (InputStream in = AsyncProfilerLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("async-profiler's " + resource + " is not on the class path: the harness "
                        + "depends on tools.profiler:async-profiler, is it excluded?");
            }
            Files.createDirectories(dir);
            Path lib = dir.resolve("libasyncProfiler.so");
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            return lib;
        }
    }
}
