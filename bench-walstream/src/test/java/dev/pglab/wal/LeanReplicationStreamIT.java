package dev.pglab.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.pg.WithPg;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lean reader with a latency budget against the embedded server: nothing lost or reordered, keepalives answered, cancel. */
@WithPg({ServerProfile.LOGICAL})
class LeanReplicationStreamIT {

    /** Collects the ids of inserted rows in arrival order and checks every Insert sits between Begin and Commit. */
    static final class Ids implements ReplicationStream.Consumer {
        final RecordDecoder decoder = new RecordDecoder();
        final List<Integer> ids = new CopyOnWriteArrayList<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        volatile int commits;
        private boolean inTransaction;

        @Override
        public void onMessage(long lsn, ByteBuffer message) {
            switch (decoder.decode(message)) {
                case PgOutputMessage.Begin b -> {
                    if (inTransaction) {
                        problems.add("Begin inside a transaction at " + lsn);
                    }
                    inTransaction = true;
                }
                case PgOutputMessage.Insert i -> {
                    if (!inTransaction) {
                        problems.add("Insert outside a transaction at " + lsn);
                    }
                    ids.add(Integer.parseInt(i.newTuple().text(0)));
                }
                case PgOutputMessage.Commit c -> {
                    inTransaction = false;
                    commits++;
                }
                default -> {
                }
            }
        }
    }

    private static void setUp(PgServer server, String table) {
        server.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, payload text)",
                "CREATE PUBLICATION " + table + "_pub FOR TABLE " + table,
                "SELECT pg_create_logical_replication_slot('" + table + "_slot', 'pgoutput')");
    }

    private static LeanReplicationStream lean(PgServer server, long statusMillis, ReadPacing pacing, Map<String, String> startup) {
        return new LeanReplicationStream(LeanStreamConfig.of(server.host(), server.port(), server.database(), server.user(),
                server.password().orElse(null)).withStatusInterval(Duration.ofMillis(statusMillis)).withPacing(pacing)
                .withStartupParameters(startup));
    }

    private static Future<?> run(ExecutorService pool, LeanReplicationStream stream, ReplicationStream.Consumer consumer) {
        return pool.submit(() -> {
            stream.run(consumer);
            return null;
        });
    }

    private static void dropSlot(PgServer server, String table) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                server.execute("SELECT pg_drop_replication_slot('" + table + "_slot')");
                return;
            } catch (RuntimeException stillActive) {
                Thread.sleep(50);
            }
        }
    }

    @ParameterizedTest(name = "budget {0} ms, threshold {1} B")
    @CsvSource({"0, 262144", "20, 4096", "100, 262144"})
    void deliversEveryEventInOrderUnderALatencyBudget(int budgetMillis, int threshold, PgServer server) throws Exception {
        String table = "lean_order_" + budgetMillis;
        setUp(server, table);
        ReadPacing pacing = new ReadPacing(Duration.ofMillis(budgetMillis).toNanos(), threshold);
        LeanReplicationStream stream = lean(server, 200, pacing, Map.of());
        stream.start(table + "_slot", 0, Map.of("proto_version", "1", "publication_names", table + "_pub"));
        Ids consumer = new Ids();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        int transactions = 200;
        List<Integer> written = new ArrayList<>();
        try {
            Future<?> running = run(pool, stream, consumer);
            long started = System.nanoTime();
            try (Connection c = server.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                c.setAutoCommit(false);
                int id = 0;
                for (int t = 0; t < transactions; t++) {
                    // small transactions of 1-40 rows, paused now and then; one of 700 rows x 2 KB (more than the 1 MB buffer)
                    int rows = t == transactions / 2 ? 700 : 1 + (t * 7) % 40;
                    String payload = t == transactions / 2 ? "x".repeat(2000) : "row";
                    for (int r = 0; r < rows; r++) {
                        ps.setInt(1, ++id);
                        ps.setString(2, payload);
                        ps.addBatch();
                        written.add(id);
                    }
                    ps.executeBatch();
                    c.commit();
                    if (t % 10 == 0) {
                        Thread.sleep(3);
                    }
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (consumer.ids.size() < written.size() && System.nanoTime() < deadline && !running.isDone()) {
                Thread.sleep(10);
            }
            long readingNanos = System.nanoTime() - started;
            stream.cancel();
            running.get(10, TimeUnit.SECONDS);
            assertThat(consumer.problems).isEmpty();
            assertThat(consumer.ids).as("every inserted row once, in commit order").containsExactlyElementsOf(written);
            assertThat(consumer.commits).isEqualTo(transactions);
            if (budgetMillis >= 100) {
                // reads were batched as the pacing promises: after each read it naps half the budget, shorter only
                // when a threshold's worth of bytes came (or the buffer filled). So the reads are bounded by the
                // half budgets this run's writing really took plus the thresholds its bytes fill, not by a quiet
                // machine's count (a loaded one writes the 200 commits over more naps); on a quiet one the bound is
                // tighter than half the commits, and an unpaced reader (a read per commit or more) exceeds it.
                long halfBudgets = readingNanos / (Duration.ofMillis(budgetMillis).toNanos() / 2);
                long thresholds = (stream.payloadBytes() + 64 * stream.messages()) / threshold;
                assertThat(stream.socketReads()).as("socket reads with a %d ms budget over %d ms, %d B", budgetMillis,
                        readingNanos / 1_000_000, stream.payloadBytes()).isLessThanOrEqualTo(halfBudgets + thresholds + 5);
            }
        } finally {
            stream.cancel();
            pool.shutdownNow();
            dropSlot(server, table);
        }
    }

    @Test
    void answersAKeepaliveWhileIdleForLongerThanTheBudget(PgServer server) throws Exception {
        String table = "lean_idle";
        setUp(server, table);
        // the walsender asks for a reply after 0.5 s without feedback and gives up at 1 s; this reader sends no
        // periodic feedback of its own within the test (60 s interval), so only its keepalive replies keep it alive
        LeanReplicationStream stream = lean(server, 60_000, ReadPacing.budget(Duration.ofMillis(200)), Map.of("wal_sender_timeout", "1s"));
        stream.start(table + "_slot", 0, Map.of("proto_version", "1", "publication_names", table + "_pub"));
        Ids consumer = new Ids();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> running = run(pool, stream, consumer);
            server.execute("INSERT INTO " + table + " VALUES (1, 'before')");
            awaitIds(consumer, 1, running);
            long pid;
            try (Connection c = server.connect()) {
                pid = LogicalStream.walsenderPid(c, table + "_slot");
            }
            Thread.sleep(3_000); // idle: three walsender timeouts, fifteen budgets
            assertThat(running).as("the stream is still running after the idle period").isNotDone();
            server.execute("INSERT INTO " + table + " VALUES (2, 'after')");
            awaitIds(consumer, 2, running);
            try (Connection c = server.connect()) {
                assertThat(LogicalStream.walsenderPid(c, table + "_slot")).as("same walsender").isEqualTo(pid);
            }
            assertThat(stream.keepaliveReplies()).isGreaterThanOrEqualTo(2);
            stream.cancel();
            running.get(10, TimeUnit.SECONDS);
            assertThat(consumer.ids).containsExactly(1, 2);
        } finally {
            stream.cancel();
            pool.shutdownNow();
            dropSlot(server, table);
        }
    }

    @Test
    void cancelEndsALongNapPromptly(PgServer server) throws Exception {
        String table = "lean_cancel";
        setUp(server, table);
        LeanReplicationStream stream = lean(server, 1000, ReadPacing.budget(Duration.ofSeconds(10)), Map.of());
        stream.start(table + "_slot", 0, Map.of("proto_version", "1", "publication_names", table + "_pub"));
        Ids consumer = new Ids();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> running = run(pool, stream, consumer);
            Thread.sleep(300);
            // wakes a reader blocked in its read, which then naps 10 s (or finds it napping already after a keepalive)
            server.execute("INSERT INTO " + table + " VALUES (1, 'arrives before or during a 10 s nap')");
            Thread.sleep(300);
            assertThat(running).isNotDone();
            stream.cancel();
            running.get(3, TimeUnit.SECONDS); // well inside the 10 s nap
        } finally {
            stream.cancel();
            pool.shutdownNow();
            dropSlot(server, table);
        }
    }

    @Test
    void refusesABudgetTheWalsenderTimeoutCannotTolerate(PgServer server) throws Exception {
        String table = "lean_refuse";
        setUp(server, table);
        LeanReplicationStream stream = lean(server, 1000, ReadPacing.budget(Duration.ofMillis(500)), Map.of("wal_sender_timeout", "1s"));
        try {
            assertThatThrownBy(() -> stream.start(table + "_slot", 0, Map.of("proto_version", "1", "publication_names", table + "_pub")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("latency budget 500.0 ms").hasMessageContaining("wal_sender_timeout (1s)");
        } finally {
            stream.cancel();
            dropSlot(server, table);
        }
    }

    private static void awaitIds(Ids consumer, int n, Future<?> running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.ids.size() < n) {
            if (running.isDone()) {
                running.get(); // surfaces the stream's failure
                throw new AssertionError("the stream ended before delivering " + n + " rows");
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("waiting for " + n + " rows, got " + consumer.ids);
            }
            Thread.sleep(10);
        }
    }
}
