package dev.pglab.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.ServerProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The lean reader's password exchanges against a real server whose pg_hba.conf asks for them: MD5 (salted, so
 * the salt's raw bytes must be hashed) and cleartext. Owns its embedded server: it rewrites pg_hba.conf.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeanAuthenticationIT {
    private PgServer server;

    @BeforeAll
    void start() throws IOException {
        server = PgServer.start(PgServerConfig.embedded(ServerProfile.LOGICAL));
        server.execute("SET password_encryption = 'md5'",
                "CREATE ROLE lean_md5 LOGIN REPLICATION PASSWORD 'md5 sekret'",
                "SET password_encryption = 'scram-sha-256'",
                "CREATE ROLE lean_pw LOGIN REPLICATION PASSWORD 'clear sekret'",
                "CREATE TABLE lean_auth (id int PRIMARY KEY)",
                "GRANT SELECT ON lean_auth TO lean_md5, lean_pw",
                "CREATE PUBLICATION lean_auth_pub FOR TABLE lean_auth");
        Path hba = Path.of(server.query("SHOW hba_file"));
        Files.writeString(hba, """
                host all lean_md5 all md5
                host all lean_pw all password
                """ + Files.readString(hba));
        server.query("SELECT pg_reload_conf()");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void startAs(String user, String password, String slot) throws IOException {
        server.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        try (LeanReplicationStream s = new LeanReplicationStream(LeanStreamConfig.of(server.host(), server.port(), server.database(), user, password))) {
            s.start(slot, 0, Map.of("proto_version", "1", "publication_names", "lean_auth_pub"));
        }
    }

    @Test
    void md5AndCleartextPasswordsAuthenticateAndWrongOnesAreRefused() throws Exception {
        for (int attempt = 0; attempt < 8; attempt++) { // a fresh salt each time: high bytes included
            startAs("lean_md5", "md5 sekret", "lean_md5_" + attempt);
        }
        startAs("lean_pw", "clear sekret", "lean_pw_ok");
        assertThatThrownBy(() -> startAs("lean_md5", "wrong", "lean_md5_bad")).isInstanceOf(IOException.class)
                .hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> startAs("lean_pw", "wrong", "lean_pw_bad")).isInstanceOf(IOException.class)
                .hasMessageContaining("password authentication failed");
        assertThat(server.query("SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'lean_%'")).isEqualTo("11");
    }
}
