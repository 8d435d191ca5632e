package dev.pglab.cli.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.cli.PglabCommand;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.WithPg;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@WithPg
class CdcRunCommandIT {

    @Test
    void runsAgainstAUrlPrintsJsonVerdictsAndLeavesOnlyOtherSchemasBehind(PgServer server) throws Exception {
        server.execute("DROP SCHEMA IF EXISTS keepme CASCADE", "CREATE SCHEMA keepme", "CREATE TABLE keepme.t (id int)",
                "INSERT INTO keepme.t VALUES (1)");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = PglabCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute("cdc", "run", "--target", server.jdbcUrl() + "?user=" + server.user(),
                "--cols", "4", "--rows", "60", "--rounds", "2", "--oltp-updates", "5", "--scan-runs", "1", "--json");
        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("schema").asText()).isEqualTo("pglab-cdc-run/1");
        assertThat(json.path("verdicts")).isNotEmpty();
        assertThat(json.path("verdicts").findValuesAsText("criterion"))
                .contains("write_path", "scan", "multi_change", "shared_hit", "statement_join");
        assertThat(json.path("writeVolumes").findValues("walBytesPerRow")).isNotEmpty().allMatch(v -> v.asDouble() > 0);
        assertThat(err.toString()).contains("dropped pglab_cdc_");
        assertThat(server.query("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pglab_cdc_%'")).isEqualTo("0");
        assertThat(server.query("SELECT count(*) FROM keepme.t")).isEqualTo("1");
    }

    @Test
    void refusesAUserWithoutCreateOnTheDatabase(PgServer server) {
        server.execute("DROP ROLE IF EXISTS cdc_lowly", "CREATE ROLE cdc_lowly LOGIN",
                "REVOKE CREATE ON DATABASE " + server.database() + " FROM PUBLIC");
        StringWriter err = new StringWriter();
        CommandLine cmd = PglabCommand.commandLine();
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute("cdc", "run", "--target", server.jdbcUrl() + "?user=cdc_lowly", "--rounds", "1");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("may not create schemas in database", "GRANT CREATE ON DATABASE");
    }

    @Test
    void rejectsBadOptionsWithAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cmd = PglabCommand.commandLine();
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute("cdc", "run", "--target", "embedded", "--cols", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("--cols 2: expected 4..400 columns");
    }
}
