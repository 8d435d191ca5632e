package dev.pglab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar as a user would: `pglab server`, connect, then stop it like Ctrl-C does. */
class ServerCommandIT {

    @Test
    void startsAnEmbeddedServerPrintsItsUrlAndStopsCleanlyKeepingItsLogs(@TempDir Path dir, @TempDir Path keep)
            throws Exception {
        Path jar = Path.of("target", "pglab.jar");
        assertThat(jar).exists();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "server", "--profile", "capture,logical", "--dir", dir.toString(), "--keep", keep.resolve("kept").toString())
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        String url = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.trim().startsWith("JDBC URL:")) {
                    url = line.substring(line.indexOf("jdbc:")).trim();
                }
                if (line.startsWith("Press Ctrl-C")) {
                    break;
                }
            }
            assertThat(url).as("output: %s", lines).isNotNull();
            try (var c = DriverManager.getConnection(url); var rs = c.createStatement().executeQuery("show wal_level")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("logical");
            }
            // SIGINT is what Ctrl-C sends
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(lines).anyMatch(l -> l.contains("stopping PostgreSQL"));
        // quiet: no library log lines; the hints use the psql options every command takes
        assertThat(lines).noneMatch(l -> l.contains(" INFO ")).anyMatch(l -> l.contains("pglab replay LOG -h "));
        // the captured logs outlive the data directory, and the user is told where they are
        assertThat(lines).anyMatch(l -> l.contains("kept ") && l.contains(keep.resolve("kept").toString()));
        try (var kept = Files.list(keep.resolve("kept"))) {
            assertThat(kept.map(f -> f.getFileName().toString()).toList())
                    .anyMatch(n -> n.endsWith(".csv")).anyMatch(n -> n.endsWith(".json"));
        }
        try (var left = Files.list(dir)) {
            // the cluster template (one initdb per work directory, copied by every later start) stays on purpose
            assertThat(left.filter(f -> !f.getFileName().toString().startsWith("cluster-template")))
                    .as("data directories left behind").isEmpty();
        }
    }
}
