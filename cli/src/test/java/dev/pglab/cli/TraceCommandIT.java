package dev.pglab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.pg.WithPg;
import dev.pglab.trace.TraceConfig;
import dev.pglab.trace.Tracer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A traced run on a real server, then `pglab trace report` over its directory. */
@WithPg({ServerProfile.CAPTURE, ServerProfile.OBSERVE})
class TraceCommandIT {

    private static String run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = PglabCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        assertThat(cl.execute(args)).as("exit code, output: %s", out).isEqualTo(expectedExit);
        return out.toString();
    }

    @Test
    void reportSummarisesStatementsSessionsAndCrossChecksPgStatStatements(PgServer server, @TempDir Path dir) throws Exception {
        server.execute("create extension if not exists pg_stat_statements", "drop table if exists trc_t",
                "create table trc_t(id int primary key, n int)", "insert into trc_t select g, 0 from generate_series(1, 100) g");
        try (Tracer tracer = Tracer.start(TraceConfig.defaults(dir), server::connect)) {
            for (int s = 0; s < 2; s++) {
                try (Connection c = tracer.trace(server.connect(), "client-" + s);
                     PreparedStatement up = c.prepareStatement("update trc_t set n = n + 1 where id = ?")) {
                    for (int i = 1; i <= 10; i++) {
                        up.setInt(1, i);
                        up.executeUpdate();
                    }
                }
            }
            tracer.finish();
        }
        String text = run(0, "trace", "report", dir.toString());
        assertThat(text).contains("2 sessions, 20 calls").contains("update trc_t set n = n + ? where id = ?")
                .contains("== sessions: time in calls vs between calls ==").contains("client-0").contains("client-1")
                .contains("== cross-check with pg_stat_statements");
        JsonNode json = new ObjectMapper().readTree(run(0, "trace", "report", "--json", dir.toString()));
        JsonNode update = json.get("statements").get(0);
        assertThat(update.get("shape").asText()).isEqualTo("update trc_t set n = n + ? where id = ?");
        assertThat(update.get("calls").asLong()).isEqualTo(20);
        assertThat(update.get("serverCalls").asLong()).isEqualTo(20);
        assertThat(update.get("rows").asLong()).isEqualTo(20);
        JsonNode check = json.get("crossCheck").get(0);
        assertThat(check.get("pgssCalls").asLong()).isEqualTo(20);
        assertThat(check.get("pgssRows").asLong()).isEqualTo(20);
        assertThat(json.get("schema").asText()).isEqualTo("pglab-trace-profile/1");

        // the same profile as an HTML page: the tables and the charts, readable by the report
        Path html = dir.resolve("out/trace.html");
        assertThat(run(0, "trace", "report", dir.toString(), "--html", html.toString()))
                .contains("== statements, by total elapsed ==").contains("HTML written to " + html);
        String page = java.nio.file.Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<table class=\"trace-statements\"")
                .contains("<table class=\"trace-sessions\"").contains("<table class=\"trace-crosscheck\"")
                .contains("update trc_t set n = n + ? where id = ?").contains("<svg")
                .contains("<a href=\"../client-0.trc\">client-0</a>")
                .doesNotContain("<script");
        assertThat(page.split("<tr>", -1).length - 1).as("statement, session and cross-check rows plus 3 header rows")
                .isEqualTo(json.get("statements").size() + 2 + json.get("crossCheck").size() + 3);
    }

    @Test
    void helpNamesTheHtmlOption() {
        assertThat(run(0, "trace", "report", "--help")).contains("--html=FILE").contains("HTML");
    }

    @Test
    void aDirectoryWithoutTracesIsAClearError(@TempDir Path dir) {
        assertThat(run(2, "trace", "report", dir.toString())).contains("holds no *.trace.jsonl files");
    }
}
