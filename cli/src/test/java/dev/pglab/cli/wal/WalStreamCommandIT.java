package dev.pglab.cli.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.cli.PglabCommand;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.pg.WithPg;
import dev.pglab.wal.PgOutputMessage;
import dev.pglab.wal.PgoDecoding;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithPg({ServerProfile.LOGICAL})
class WalStreamCommandIT {
    @TempDir
    Path dir;

    @Test
    void streamsFromAWalsenderAndRecordsWhatItReceived(PgServer server) throws Exception {
        server.execute("CREATE TABLE cli_stream (id int PRIMARY KEY, note text)");
        Path capture = dir.resolve("live.pgo");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> PglabCommand.commandLine().execute(
                "wal", "stream", "--url", server.jdbcUrl(), "-U", server.user(), "--slot", "cli_stream_slot",
                "--publication", "cli_stream_pub", "--create", "--table", "cli_stream", "--temporary",
                "--duration", "4", "--interval", "0.5", "--record", capture.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"t".equals(server.query("SELECT active FROM pg_replication_slots WHERE slot_name = 'cli_stream_slot'"))) {
            assertThat(System.nanoTime()).as("slot became active").isLessThan(deadline);
            Thread.sleep(20);
        }
        server.execute("INSERT INTO cli_stream SELECT g, 'row ' || g FROM generate_series(1, 50) g",
                "UPDATE cli_stream SET note = 'changed' WHERE id = 7", "DELETE FROM cli_stream WHERE id = 9");
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();

        List<PgOutputMessage> messages = PgoDecoding.readAll(capture).stream().map(PgoDecoding.Decoded::message).toList();
        assertThat(messages.stream().filter(PgOutputMessage.Insert.class::isInstance)).hasSize(50);
        assertThat(messages.stream().filter(PgOutputMessage.Update.class::isInstance).map(PgOutputMessage.Update.class::cast))
                .singleElement().satisfies(u -> assertThat(u.newTuple().text(1)).isEqualTo("changed"));
        assertThat(messages.stream().filter(PgOutputMessage.Delete.class::isInstance).map(PgOutputMessage.Delete.class::cast))
                .singleElement().satisfies(d -> assertThat(d.oldTuple().text(0)).isEqualTo("9"));
    }

    @Test
    void jsonlPrintsBinaryValuesAsATextModeConsumerReadsThem(PgServer server) throws Exception {
        server.execute("CREATE TYPE cli_mood AS ENUM ('sad', 'very happy')",
                "CREATE TABLE cli_binary (id int PRIMARY KEY, ts timestamptz, tags text[], m cli_mood, f float8)");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> PglabCommand.commandLine().execute(
                    "wal", "stream", "-d", server.jdbcUrl(), "-U", server.user(), "--slot", "cli_binary_slot",
                    "--publication", "cli_binary_pub", "--create", "--table", "cli_binary", "--temporary", "--binary",
                    "--jsonl", "--time-zone", "Asia/Kolkata", "--duration", "3", "--interval", "0.5"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!"t".equals(server.query("SELECT active FROM pg_replication_slots WHERE slot_name = 'cli_binary_slot'"))) {
                assertThat(System.nanoTime()).as("slot became active").isLessThan(deadline);
                Thread.sleep(20);
            }
            server.execute("INSERT INTO cli_binary VALUES (1, '2024-01-02 03:04:05.123456+00', '{x,\"y z\",NULL}', 'very happy', 0.1)");
            assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        } finally {
            System.setOut(saved);
        }
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var insert = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + l, e);
            }
        }).filter(n -> n.get("type").asText().equals("I")).findFirst().orElseThrow().get("newTuple");
        assertThat(insert.get("ts").asText()).isEqualTo("2024-01-02 08:34:05.123456+05:30");
        assertThat(insert.get("tags").asText()).isEqualTo("{x,\"y z\",NULL}");
        assertThat(insert.get("m").asText()).isEqualTo("very happy");
        assertThat(insert.get("f").asText()).isEqualTo("0.1");
    }
}
