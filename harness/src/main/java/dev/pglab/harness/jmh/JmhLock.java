package dev.pglab.harness.jmh;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * JMH serialises runs on a machine through {@code ${java.io.tmpdir}/jmh.lock} and fails at once when another
 * run holds it. Two suites must not measure at the same time, so the runner waits for the lock instead.
 */
final class JmhLock {
    private JmhLock() {
    }

    /** Waits until no other JMH run holds the lock, or {@code max} has passed (then JMH reports it). */
    static void awaitFree(Duration max) throws IOException, InterruptedException {
        if (Boolean.getBoolean("jmh.ignoreLock")) {
            return;
        }
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        long deadline = System.nanoTime() + max.toNanos();
        boolean told = false;
        while (true) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                if (lock != null || System.nanoTime() > deadline) {
                    return;
                }
            }
            if (!told) {
                System.out.printf("pglab: another JMH run holds %s; waiting for it to finish%n", file);
                told = true;
            }
            Thread.sleep(2000);
        }
    }
}
