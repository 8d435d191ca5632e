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
}
