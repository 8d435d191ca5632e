package dev.pglab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.StandardWorkload;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.WithPg;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pglab replay} on the fixtures' real capture, against the embedded server. */
@WithPg
class ReplayCommandIT {
    private static final StandardWorkload WORKLOAD = StandardWorkload.DEFAULT;

    @Test
    void replaysAReplayFileIntoAServerAndWritesTheReport(PgServer server, @TempDir Path tmp) throws Exception {
        CapturedLogs logs = WORKLOAD.capture();
        Path replayFile = tmp.resolve("capture.replay");
        assertThat(ParseCommandIT.run("parse", logs.csv().toString(), "--out", replayFile.toString()).exit()).isZero();
        server.execute("drop database if exists replay_cli", "create database replay_cli");
        Path report = tmp.resolve("report");
        // the capture cancelled its pg_sleep(30) after 1 s: a startup option in the URL bounds it the same way
        String url = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/?options=-c%20statement_timeout%3D1000";
        ParseCommandIT.Run r = ParseCommandIT.run("replay", replayFile.toString(), "--target", url,
                "--db-map", server.database() + "=replay_cli", "--speed", "0.5", "--report", report.toString(),
                "--progress", "1", "--json");
        // the capture holds a refused connection: replayed faithfully, it makes the run partial
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.PARTIAL);
        JsonNode json = new ObjectMapper().readTree(r.out());
        StandardWorkload.Expected e = WORKLOAD.expected();
        assertThat(json.get("statements").asInt()).isEqualTo(e.statements());
        assertThat(json.get("executes").asInt()).isEqualTo(e.executes());
        assertThat(json.get("errors").asInt()).isEqualTo(3);
        assertThat(json.get("connectionsRefused").asInt()).isEqualTo(1);
        assertThat(json.get("endReason").asText()).isEqualTo("completed");
        assertThat(json.get("speed").asText()).isEqualTo("0.5");
        assertThat(r.err()).contains("replay ", "lateness p99");
        for (String f : new String[] {"replay.json", "summary.txt", "lateness.hgrm", "response.hgrm", "service.hgrm", "executions.csv"}) {
            assertThat(report.resolve(f)).isNotEmptyFile();
        }
        assertThat(new ObjectMapper().readTree(report.resolve("replay.json").toFile()).get("statements").asInt())
                .isEqualTo(e.statements());
        // the default warm-up ran before the clock and left nothing in the figures or the execution log
        assertThat(Files.readAllLines(report.resolve("executions.csv"))).hasSize(1 + e.statements() + e.executes());
        assertThat(json.get("clientCpuMsPer1k").asDouble()).isPositive();
        assertThat(new ObjectMapper().readTree(report.resolve("timeline.json").toFile()).get("clientCpuMsPer1k").asDouble())
                .isEqualTo(json.get("clientCpuMsPer1k").asDouble());
        assertThat(Files.readString(report.resolve("summary.txt"))).contains("ms per 1,000 statements");
        // the replay's page and its per-second series; the progress line knew the capture's span
        assertThat(report.resolve("timeline.json")).isNotEmptyFile();
        assertThat(Files.readString(report.resolve("index.html"))).contains("Statements per second", "svg");
        assertThat(r.err()).contains("% of capture", " left");
        ParseCommandIT.Run page = ParseCommandIT.run("replay", "report", report.toString(), report.toString(),
                "--out", tmp.resolve("compare.html").toString());
        assertThat(page.exit()).as(page.err()).isZero();
        assertThat(tmp.resolve("compare.html")).isNotEmptyFile();
        ParseCommandIT.Run notAReplay = ParseCommandIT.run("replay", "report", tmp.toString());
        assertThat(notAReplay.exit()).isEqualTo(2);
        assertThat(notAReplay.err()).contains("timeline.json").doesNotContain("Exception");
    }

    @Test
    void aDryRunPacesAndDispatchesEveryItemWithoutAServer() throws Exception {
        CapturedLogs logs = WORKLOAD.capture();
        ParseCommandIT.Run r = ParseCommandIT.run("replay", logs.stderr().toString(), "--dry-run", "--speed", "max",
                "--json", "--progress", "0", "--order", "strict");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        StandardWorkload.Expected e = WORKLOAD.expected();
        assertThat(json.get("dryRunItems").asInt()).isEqualTo(e.connects() + e.disconnects() + e.statements() + e.executes());
        assertThat(json.get("mode").asText()).isEqualTo("serial");
    }

    @Test
    void badArgumentsAndMissingInputsSayWhatIsWrong(@TempDir Path tmp) {
        ParseCommandIT.Run r = ParseCommandIT.run("replay", tmp.resolve("nope.log").toString(), "--target", "embedded");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nope.log").doesNotContain("\tat ");
        r = ParseCommandIT.run("replay", tmp.toString(), "--target", "embedded", "--speed", "fast");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("speed 'fast'");
        r = ParseCommandIT.run("replay", tmp.toString(), "--target", "embedded", "--warm-up", "-1s");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--warm-up must not be negative").doesNotContain("\tat ");
        r = ParseCommandIT.run("replay", tmp.toString(), "--target", "embedded", "--order", "scn");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("order 'scn' is not understood: expected session, commit or strict").doesNotContain("\tat ");
        r = ParseCommandIT.run("replay", tmp.toString(), "--target", "mysql://x:SECRET@h/db");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is not a PostgreSQL connection string").doesNotContain("SECRET");
    }
}
