package dev.pglab.harness.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedPgServerIT {

    @Test
    void startsPostgres17AndRemovesItsDataOnClose() {
        Path data;
        try (PgServer server = PgServer.start(PgServerConfig.embedded())) {
            assertThat(server.versionNum()).isBetween(170000, 179999);
            assertThat(server.query("select 1 + 1")).isEqualTo("2");
            data = server.dataDirectory().orElseThrow();
            assertThat(data).isDirectory();
            assertThat(data.toString()).contains("target" + java.io.File.separator + "pglab");
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void aServerStartsOnACopyOfTheClusterTemplateWithNothingOfAnotherServerInIt(@org.junit.jupiter.api.io.TempDir Path work)
            throws Exception {
        PgServerConfig config = PgServerConfig.embedded(ServerProfile.OBSERVE).withWorkDir(work);
        try (PgServer first = PgServer.start(config)) {
            first.execute("create table only_in_the_first (id int)");
            try (PgServer second = PgServer.start(config)) {
                assertThat(second.query("select count(*) from pg_class where relname = 'only_in_the_first'")).isEqualTo("0");
                assertThat(second.setting("track_io_timing")).isEqualTo("on"); // its profile's settings were appended
                assertThat(second.setting("max_connections")).isEqualTo("1100");
            }
        }
        assertThat(work.resolve("cluster-template/postgresql.conf")).exists();
        assertThat(Files.readString(work.resolve("cluster-template/postgresql.conf"))).doesNotContain("pglab server profile");
    }

    @Test
    void anIncompleteClusterTemplateIsMadeAgain(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        PgServerConfig config = PgServerConfig.embedded().withWorkDir(work);
        try (PgServer first = PgServer.start(config)) {
            assertThat(first.query("select 1")).isEqualTo("1");
        }
        // what a crash between initdb and the move would leave if the move were not atomic
        Files.delete(work.resolve("cluster-template/postgresql.conf"));
        try (PgServer second = PgServer.start(config)) {
            assertThat(second.query("select 1")).isEqualTo("1");
        }
        assertThat(work.resolve("cluster-template/postgresql.conf")).exists();
        assertThat(work.resolve("cluster-template/global/pg_control")).exists();
    }

    @Test
    void profilesCombineAndTakeEffect() {
        try (PgServer server = PgServer.start(PgServerConfig.embedded(ServerProfile.LOGICAL, ServerProfile.OBSERVE))) {
            assertThat(server.setting("wal_level")).isEqualTo("logical");
            assertThat(server.setting("shared_preload_libraries")).contains("pg_stat_statements", "auto_explain");
            assertThat(server.setting("track_io_timing")).isEqualTo("on");
            server.execute("create extension if not exists pg_stat_statements");
            assertThat(server.query("select count(*) >= 0 from pg_stat_statements")).isEqualTo("t");
            assertThat(server.logFiles().csv()).isEmpty();
        }
    }

    @Test
    void captureProfileWritesAllThreeLogFormats() throws Exception {
        try (PgServer server = PgServer.start(PgServerConfig.embedded(ServerProfile.CAPTURE))) {
            assertThat(server.setting("log_line_prefix")).isEqualTo("%m|%u|%d|%c|");
            server.execute("select 'pglab-capture-marker'");
            ServerLogFiles logs = server.logFiles();
            for (String format : new String[] {"stderr", "csv", "json"}) {
                Path file = logs.require(format);
                String text = awaitContains(file, "pglab-capture-marker");
                assertThat(text).as(format).contains("connection authorized").contains("pglab-capture-marker");
            }
        }
    }

    @Test
    void aPortInUseGivesAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> PgServer.start(PgServerConfig.embedded().withPort(taken.getLocalPort())))
                    .isInstanceOf(PgServerException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is in use");
        }
    }

    @Test
    void aStaleDataDirectoryIsRemoved() throws Exception {
        Path work = PgServerConfig.defaultWorkDir();
        // a pid that cannot be alive: beyond Linux's pid_max
        Path stale = work.resolve("plain-99999999-1");
        Files.createDirectories(stale.resolve("base"));
        try (PgServer server = PgServer.start(PgServerConfig.embedded())) {
            assertThat(stale).doesNotExist();
        }
    }

    @Test
    void anExternalServerWithoutTheProfileSettingsIsRefusedWithTheListOfSettings() {
        try (PgServer plain = PgServer.start(PgServerConfig.embedded())) {
            PgServerConfig external = new PgServerConfig(PgSource.EXTERNAL, java.util.Set.of(ServerProfile.LOGICAL),
                    java.util.Optional.of(plain.jdbcUrl() + "?user=postgres"), PgServerConfig.defaultWorkDir(), 0, java.util.Map.of());
            assertThatThrownBy(() -> PgServer.start(external))
                    .isInstanceOf(PgServerException.class)
                    .hasMessageContaining("wal_level = 'logical' (is 'replica')");
        }
    }

    static String awaitContains(Path file, String marker) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.exists(file) ? Files.readString(file) : "";
            if (text.contains(marker)) {
                return text;
            }
            Thread.sleep(50);
        }
        return text;
    }
}
