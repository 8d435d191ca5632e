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
    void startsAnEmbeddedServerPrintsItsUrlAndStopsCleanly(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "pglab.jar");
        assertThat(jar).exists();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "server", "--profile", "logical", "--dir", dir.toString())
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
        try (var left = Files.list(dir)) {
            assertThat(left).as("data directories left behind").isEmpty();
        }
    }
}
