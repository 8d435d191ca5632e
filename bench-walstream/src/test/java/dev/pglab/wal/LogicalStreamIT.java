package dev.pglab.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.pg.WithPg;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@WithPg({ServerProfile.LOGICAL})
class LogicalStreamIT {

    private static LogicalStreamConfig.Builder config(PgServer server, String slot, String pub) {
        return LogicalStreamConfig.builder(server.jdbcUrl(), slot, pub).properties(server.connectionProperties())
                .create(true).statusInterval(Duration.ofMillis(200)).backoff(Duration.ofMillis(50), Duration.ofSeconds(1));
    }

    /** A consumer that decodes with the record API and collects committed transactions. */
    static final class Collector implements ReplicationStream.Consumer {
        final RecordDecoder decoder = new RecordDecoder();
        final List<Long> connectStarts = new CopyOnWriteArrayList<>();
        final List<Committed> committed = new CopyOnWriteArrayList<>();
        final Map<Integer, Integer> timesSeen = new ConcurrentHashMap<>();
        private final String table;
        private List<Integer> open = new ArrayList<>();

        record Committed(long lsn, List<Integer> ids) {
        }

        Collector(String table) {
            this.table = table;
        }

        @Override
        public void onConnect(long startLsn, int connection) {
            connectStarts.add(startLsn);
            decoder.decoder().reset();
            open = new ArrayList<>();
        }

        @Override
        public void onMessage(long lsn, ByteBuffer message) {
            switch (decoder.decode(message)) {
                case PgOutputMessage.Begin b -> open = new ArrayList<>();
                case PgOutputMessage.Insert i when i.relation().name().equals(table) ->
                        open.add(Integer.parseInt(i.newTuple().text(0)));
                case PgOutputMessage.Commit c -> {
                    committed.add(new Committed(lsn, open));
                    open.forEach(id -> timesSeen.merge(id, 1, Integer::sum));
                }
                default -> {
                }
            }
        }
    }

    @Test
    void createsPublicationAndTemporarySlotDecodesAndCancelsCleanly(PgServer server) throws Exception {
        server.execute("CREATE TABLE ls_basic (id int PRIMARY KEY, note text)");
        LogicalStream stream = new LogicalStream(config(server, "ls_basic_slot", "ls_basic_pub")
                .publish(List.of("ls_basic")).temporarySlot(true).build());
        Collector collector = new Collector("ls_basic");
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<?> running = runner.submit(() -> {
                stream.run(collector);
                return null;
            });
            awaitSlot(server, "ls_basic_slot", true);
            server.execute("INSERT INTO ls_basic SELECT g, 'n' || g FROM generate_series(1, 100) g",
                    "INSERT INTO ls_basic VALUES (101, 'last')");
            await(() -> collector.timesSeen.size() == 101, "all 101 rows");
            assertThat(stream.protoVersion()).isEqualTo(4);
            stream.cancel();
            running.get(10, TimeUnit.SECONDS);
            assertThat(collector.committed).hasSize(2);
            assertThat(stream.confirmedLsn()).isEqualTo(collector.committed.get(1).lsn());
            awaitSlot(server, "ls_basic_slot", false); // temporary: gone with its connection
        } finally {
            stream.cancel();
            runner.shutdownNow();
        }
    }

    @Test
    void resumesFromTheConfirmedLsnAfterTheWalsenderIsKilled(PgServer server) throws Exception {
        server.execute("CREATE TABLE ls_kill (id int PRIMARY KEY)");
        LogicalStream stream = new LogicalStream(config(server, "ls_kill_slot", "ls_kill_pub").publish(List.of("ls_kill")).build());
        Collector collector = new Collector("ls_kill");
        int transactions = 300;
        int rowsPerTransaction = 10;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> running = pool.submit(() -> {
                stream.run(collector);
                return null;
            });
            awaitSlot(server, "ls_kill_slot", true);
            Future<?> writer = pool.submit(() -> {
                try (Connection c = server.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO ls_kill VALUES (?)")) {
                    c.setAutoCommit(false);
                    for (int t = 0; t < transactions; t++) {
                        for (int r = 0; r < rowsPerTransaction; r++) {
                            ps.setInt(1, t * rowsPerTransaction + r + 1);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                        c.commit();
                        Thread.sleep(3);
                    }
                }
                return null;
            });
            await(() -> collector.committed.size() >= 50, "50 transactions before the kill");
            long pid;
            try (Connection c = server.connect()) {
                pid = LogicalStream.walsenderPid(c, "ls_kill_slot");
            }
            assertThat(pid).isPositive();
            server.execute("SELECT pg_terminate_backend(" + pid + ")");
            writer.get(60, TimeUnit.SECONDS);
            await(() -> collector.timesSeen.size() == transactions * rowsPerTransaction, "every row after the reconnect");
            stream.cancel();
            running.get(10, TimeUnit.SECONDS);

            assertThat(stream.connections()).isGreaterThanOrEqualTo(2);
            assertThat(collector.connectStarts).hasSizeGreaterThanOrEqualTo(2);
            long resumedFrom = collector.connectStarts.get(1);
            assertThat(resumedFrom).isPositive();
            // no row lost
            assertThat(collector.timesSeen).hasSize(transactions * rowsPerTransaction);
            // a transaction seen twice committed after the LSN the stream resumed from; none before it repeats
            Map<List<Integer>, Integer> seen = new java.util.HashMap<>();
            for (var c : collector.committed) {
                if (seen.merge(c.ids(), 1, Integer::sum) > 1) {
                    assertThat(Long.compareUnsigned(c.lsn(), resumedFrom)).as("duplicate commit at %s is after the resume point %s",
                            c.lsn(), resumedFrom).isPositive();
                }
            }
            for (var c : collector.committed) {
                if (Long.compareUnsigned(c.lsn(), resumedFrom) <= 0) {
                    assertThat(seen.get(c.ids())).isEqualTo(1);
                }
            }
        } finally {
            stream.cancel();
            pool.shutdownNow();
            server.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'ls_kill_slot' AND NOT active");
        }
    }

    private static void awaitSlot(PgServer server, String slot, boolean active) throws Exception {
        await(() -> {
            try (Connection c = server.connect()) {
                return (LogicalStream.walsenderPid(c, slot) > 0) == active;
            } catch (SQLException e) {
                return false;
            }
        }, "slot " + slot + (active ? " active" : " gone"));
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
