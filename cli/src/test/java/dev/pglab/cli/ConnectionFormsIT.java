package dev.pglab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.StandardWorkload;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.pg.WithPg;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way to name a server reaches the same real server: -h -p -U -d, PGHOST/PGPORT/PGUSER/PGDATABASE, a
 * postgresql:// URI, a conninfo string and a JDBC URL; for replay, wal stream and cdc run.
 */
@WithPg({ServerProfile.LOGICAL})
class ConnectionFormsIT {
    private static final StandardWorkload WORKLOAD = StandardWorkload.DEFAULT;

    @TempDir
    static Path tmp;
    static Path replayFile;

    @BeforeAll
    static void capture(PgServer server) throws Exception {
        CapturedLogs logs = WORKLOAD.capture();
        replayFile = tmp.resolve("capture.replay");
        assertThat(ParseCommandIT.run("parse", logs.csv().toString(), "--out", replayFile.toString()).exit()).isZero();
        server.execute("drop database if exists forms_db", "drop role if exists forms_u",
                "create role forms_u login superuser password 'pw'", "alter role forms_u set statement_timeout = 1000",
                "create database forms_db owner forms_u");
    }

    @Test
    void replayReachesTheServerByEveryForm(PgServer server) throws Exception {
        String h = server.host();
        String p = Integer.toString(server.port());
        List<Pglab> runs = List.of(
                Pglab.run(Map.of(), tmp, "replay", replayFile.toString(), "-h", h, "-p", p, "-U", "forms_u", "-d", "forms_db",
                        "--speed", "max", "--json"),
                Pglab.run(Map.of("PGHOST", h, "PGPORT", p), tmp, "replay", replayFile.toString(), "-U", "forms_u",
                        "-d", "forms_db", "--speed", "max", "--json"),
                Pglab.run(Map.of(), tmp, "replay", replayFile.toString(), "-d",
                        "postgresql://forms_u:pw@" + h + ":" + p + "/forms_db", "--speed", "max", "--json"),
                Pglab.run(Map.of(), tmp, "replay", replayFile.toString(), "--target",
                        "jdbc:postgresql://" + h + ":" + p + "/forms_db?user=forms_u", "--speed", "max", "--json"));
        StandardWorkload.Expected e = WORKLOAD.expected();
        for (Pglab r : runs) {
            assertThat(r.exit()).as(r.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertThat(json.get("target").asText()).as(r.err()).endsWith(":" + p);
            assertThat(json.get("statements").asInt()).as(r.err()).isEqualTo(e.statements());
            assertThat(json.get("executes").asInt()).isEqualTo(e.executes());
            assertThat(r.err()).doesNotContain("INFO").doesNotContain("pw@");
        }
        // every session ran as forms_u in forms_db: the sessions the capture opened show in its statistics
        assertThat(Long.parseLong(server.query("select xact_commit from pg_stat_database where datname = 'forms_db'")))
                .isPositive();
    }

    @Test
    void aReplayThatCannotConnectIsNotASuccess() throws Exception {
        Pglab r = Pglab.run(Map.of(), tmp, "replay", replayFile.toString(), "-h", "127.0.0.1", "-p", "1", "-U", "x",
                "--speed", "max");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).contains("nothing ran").doesNotContain("\tat ");
    }

    @Test
    void walStreamConnectsByOptionsAndByEnvironment(PgServer server) throws Exception {
        server.execute("create table if not exists forms_wal (id int primary key)");
        String h = server.host();
        String p = Integer.toString(server.port());
        Pglab byOptions = Pglab.run(Map.of(), tmp, "wal", "stream", "-h", h, "-p", p, "-U", server.user(), "-d",
                server.database(), "--slot", "forms_slot1", "--publication", "forms_pub", "--create", "--table",
                "forms_wal", "--temporary", "--duration", "1", "--interval", "0.5");
        assertThat(byOptions.exit()).as(byOptions.err()).isZero();
        assertThat(byOptions.err()).contains("connected (1) to slot forms_slot1");
        Pglab byEnv = Pglab.run(Map.of("PGHOST", h, "PGPORT", p, "PGUSER", server.user(), "PGDATABASE",
                server.database()), tmp, "wal", "stream", "--slot", "forms_slot2", "--publication", "forms_pub",
                "--create", "--table", "forms_wal", "--temporary", "--duration", "1", "--interval", "0.5");
        assertThat(byEnv.exit()).as(byEnv.err()).isZero();
        assertThat(byEnv.err()).contains("connected (1) to slot forms_slot2");
        Pglab byUri = Pglab.run(Map.of(), tmp, "wal", "stream", "-d", "postgresql://" + server.user() + ":SECRET@"
                + h + ":" + p + "/" + server.database(), "--slot", "forms_slot3", "--publication", "forms_pub",
                "--create", "--table", "forms_wal", "--temporary", "--duration", "1", "--interval", "0.5");
        assertThat(byUri.exit()).as(byUri.err()).isZero();
        Pglab nowhere = Pglab.run(Map.of(), tmp, "wal", "stream", "-h", "127.0.0.1", "-p", "1", "--duration", "1");
        assertThat(nowhere.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(nowhere.err()).contains("cannot connect to postgresql://").doesNotContain("\tat ");
        assertThat(nowhere.out()).doesNotContain("-");
    }

    @Test
    void cdcRunConnectsByOptionsAndByEnvironment(PgServer server) throws Exception {
        String h = server.host();
        String p = Integer.toString(server.port());
        String[] small = {"--cols", "4", "--rows", "60", "--rounds", "1", "--oltp-updates", "3", "--scan-runs", "1", "--json"};
        Pglab byOptions = Pglab.run(Map.of(), tmp, concat(new String[] {"cdc", "run", "-h", h, "-p", p, "-U",
                server.user(), "-d", server.database()}, small));
        assertThat(byOptions.exit()).as(byOptions.err()).isZero();
        assertThat(new ObjectMapper().readTree(byOptions.out()).path("target").asText())
                .isEqualTo("postgresql://" + server.user() + "@" + h + ":" + p + "/" + server.database());
        Pglab byEnv = Pglab.run(Map.of("PGHOST", h, "PGPORT", p, "PGUSER", server.user(), "PGDATABASE",
                server.database()), tmp, concat(new String[] {"cdc", "run"}, small));
        assertThat(byEnv.exit()).as(byEnv.err()).isZero();
        assertThat(new ObjectMapper().readTree(byEnv.out()).path("target").asText()).endsWith(":" + p + "/" + server.database());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
