package dev.pglab.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.wal.WalCapture;
import dev.pglab.fixtures.wal.WalScenarios;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.wal.pgo.PgoImage;
import dev.pglab.wal.pgo.PgoWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Captures every standard scenario from a real server and checks each message kind decodes to the values the
 * workload wrote. Owns its server: two-phase decoding needs max_prepared_transactions > 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalRoundTripIT {
    private PgServer server;
    private final Map<String, List<PgOutputMessage>> captures = new LinkedHashMap<>();

    @BeforeAll
    void captureAll() throws Exception {
        server = PgServer.start(PgServerConfig.fromEnvironment(ServerProfile.LOGICAL)
                .withSetting("max_prepared_transactions", "10"));
        Path dir = Path.of("target", "pglab", "wal");
        for (var spec : WalScenarios.all()) {
            Path file = dir.resolve(spec.name() + ".pgo");
            try (PgoWriter out = PgoWriter.create(file)) {
                WalCapture.capture(server, spec, out::write);
            }
            captures.put(spec.name(), PgoDecoding.decodeAll(PgoImage.load(file)));
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static <T extends PgOutputMessage> List<T> all(List<PgOutputMessage> messages, Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<PgOutputMessage.Insert> insertsInto(List<PgOutputMessage> messages, String table) {
        return all(messages, PgOutputMessage.Insert.class).stream().filter(i -> i.relation().name().equals(table)).toList();
    }

    private static Map<String, Object> row(PgOutputMessage.Relation rel, Tuple tuple) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < tuple.size(); i++) {
            Object v = tuple.value(rel, i);
            m.put(rel.columns().get(i).name(), v instanceof byte[] b && !rel.columns().get(i).name().equals("by")
                    ? new String(b, StandardCharsets.UTF_8) : v);
        }
        return m;
    }

    private static void assertTypedRow(Map<String, Object> r, Object expectedArray) {
        assertThat(r.get("id")).isEqualTo(1L);
        assertThat(r.get("b")).isEqualTo(true);
        assertThat(r.get("i2")).isEqualTo((short) -2);
        assertThat(r.get("i4")).isEqualTo(40000);
        assertThat(r.get("f4")).isEqualTo(1.5f);
        assertThat(r.get("f8")).isEqualTo(-2.25);
        assertThat(r.get("n")).isEqualTo(new BigDecimal("12345678.1234"));
        assertThat(r.get("t")).isEqualTo("héllo");
        assertThat(r.get("vc")).isEqualTo("varchar");
        assertThat((byte[]) r.get("by")).isEqualTo(HexFormat.of().parseHex("deadbeef"));
        assertThat(r.get("u")).isEqualTo(UUID.fromString(WalScenarios.UUID));
        assertThat(r.get("d")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(r.get("ts")).isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000));
        assertThat(r.get("tstz")).isEqualTo(OffsetDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000, ZoneOffset.UTC));
        assertThat(r.get("j")).isEqualTo("{\"a\": 1}");
        assertThat(r.get("jb")).isEqualTo("{\"b\": [1, 2]}");
        assertThat(r.get("arr")).isEqualTo(expectedArray);
        assertThat(r.get("m")).isEqualTo("happy");
    }

    @Test
    void protocol1TextCarriesTypesRelationsAllTupleKindsTruncateMessagesAndOrigin() {
        List<PgOutputMessage> m = captures.get("v1-text");
        assertThat(all(m, PgOutputMessage.Begin.class)).hasSameSizeAs(all(m, PgOutputMessage.Commit.class)).isNotEmpty();
        assertThat(all(m, PgOutputMessage.Type.class)).singleElement()
                .satisfies(t -> assertThat(t.namespace() + "." + t.name()).isEqualTo("public.mood"));

        var typed = insertsInto(m, "typed");
        assertThat(typed).hasSize(2);
        PgOutputMessage.Relation typedRel = typed.get(0).relation();
        assertThat(typedRel.replicaIdentity()).isEqualTo('d');
        assertThat(typedRel.columns().get(0).key()).isTrue();
        assertTypedRow(row(typedRel, typed.get(0).newTuple()), "{1,2,3}");
        assertThat(typed.get(1).newTuple().values().subList(1, 18)).allMatch(v -> v instanceof Value.Null);

        var updates = all(m, PgOutputMessage.Update.class);
        var toast = updates.get(0);
        assertThat(toast.relation().name()).isEqualTo("ri_default");
        assertThat(toast.oldKind()).isEqualTo((char) 0);
        assertThat(toast.newTuple().values()).containsExactly(new Value.Text("1"), new Value.Text("uno"), Value.UNCHANGED_TOAST);
        var keyChange = updates.get(1);
        assertThat(keyChange.oldKind()).isEqualTo('K');
        assertThat(keyChange.oldTuple().values()).containsExactly(new Value.Text("2"), Value.NULL, Value.NULL);
        assertThat(keyChange.newTuple().values()).containsExactly(new Value.Text("10"), new Value.Text("two"), new Value.Text("short"));
        var full = updates.get(2);
        assertThat(full.relation().replicaIdentity()).isEqualTo('f');
        assertThat(full.oldKind()).isEqualTo('O');
        assertThat(full.oldTuple().values()).containsExactly(new Value.Text("1"), new Value.Text("a"));
        assertThat(full.newTuple().values()).containsExactly(new Value.Text("1"), new Value.Text("a2"));

        var deletes = all(m, PgOutputMessage.Delete.class);
        assertThat(deletes).extracting(PgOutputMessage.Delete::oldKind).containsExactly('K', 'O');
        assertThat(deletes.get(0).oldTuple().text(0)).isEqualTo("10");
        assertThat(deletes.get(1).oldTuple().values()).containsExactly(new Value.Text("2"), new Value.Text("b"));

        var bigInsert = insertsInto(m, "ri_default").get(0);
        assertThat(bigInsert.newTuple().text(2)).isEqualTo("x".repeat(5000));

        var messages = all(m, PgOutputMessage.Message.class);
        assertThat(messages).extracting(PgOutputMessage.Message::transactional).containsExactly(true, false);
        assertThat(messages).extracting(x -> new String(x.content(), StandardCharsets.UTF_8))
                .containsExactly("transactional hello", "non-transactional hello");
        assertThat(messages).allMatch(x -> x.prefix().equals("pglab"));

        var truncate = all(m, PgOutputMessage.Truncate.class);
        assertThat(truncate).singleElement().satisfies(t -> {
            assertThat(t.cascade()).isTrue();
            assertThat(t.restartIdentity()).isTrue();
            assertThat(t.relationOids()).hasSize(2);
        });
        Set<String> truncated = truncate.get(0).relationOids().stream()
                .map(oid -> all(m, PgOutputMessage.Relation.class).stream().filter(r -> r.oid() == oid)
                        .findFirst().orElseThrow().name()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(truncated).containsExactly("child", "parent");

        int origin = indexOf(m, PgOutputMessage.Origin.class);
        assertThat(((PgOutputMessage.Origin) m.get(origin)).name()).isEqualTo(WalScenarios.ORIGIN);
        assertThat(m.get(origin - 1)).isInstanceOf(PgOutputMessage.Begin.class);
        var fromOrigin = insertsInto(m.subList(origin, m.size()), "ri_full");
        assertThat(fromOrigin).singleElement().satisfies(i -> assertThat(i.newTuple().text(1)).isEqualTo("from origin"));
    }

    @Test
    void protocol1BinaryDecodesToTheSameValues() {
        List<PgOutputMessage> m = captures.get("v1-binary");
        var typed = insertsInto(m, "typed");
        assertThat(typed.get(0).newTuple().values()).allMatch(v -> v instanceof Value.Binary);
        assertTypedRow(row(typed.get(0).relation(), typed.get(0).newTuple()), List.of(1, 2, 3));
    }

    private static int indexOf(List<PgOutputMessage> m, Class<?> type) {
        for (int i = 0; i < m.size(); i++) {
            if (type.isInstance(m.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + m.size() + " messages");
    }

    private void assertStreamed(List<PgOutputMessage> m, boolean parallel) {
        var starts = all(m, PgOutputMessage.StreamStart.class);
        assertThat(starts).isNotEmpty();
        assertThat(all(m, PgOutputMessage.StreamStop.class)).hasSameSizeAs(starts);
        Set<Long> streamed = starts.stream().map(PgOutputMessage.StreamStart::xid).collect(Collectors.toSet());
        assertThat(streamed).hasSize(3);
        assertThat(starts.stream().filter(PgOutputMessage.StreamStart::firstSegment).count()).isEqualTo(3);
        var commits = all(m, PgOutputMessage.StreamCommit.class);
        assertThat(commits).hasSize(2);
        var aborts = all(m, PgOutputMessage.StreamAbort.class);
        assertThat(aborts).hasSize(2);
        var subAbort = aborts.stream().filter(a -> a.subXid() != a.xid()).findFirst().orElseThrow();
        var wholeAbort = aborts.stream().filter(a -> a.subXid() == a.xid()).findFirst().orElseThrow();
        if (parallel) {
            assertThat(aborts).allMatch(a -> a.abortLsn() > 0 && a.abortTime() > 0);
        } else {
            assertThat(aborts).allMatch(a -> a.abortLsn() == -1 && a.abortTime() == -1);
        }
        // every streamed change carries its (sub)transaction's xid
        var inserts = insertsInto(m, "big");
        Map<Long, List<Integer>> idsByXid = new LinkedHashMap<>();
        for (var i : inserts) {
            idsByXid.computeIfAbsent(i.xid(), x -> new ArrayList<>()).add(Integer.parseInt(i.newTuple().text(0)));
        }
        // aborted changes are streamed only up to the abort: what was sent is a non-empty prefix of what was written
        assertThat(range(4001, 5000)).startsWith(idsByXid.get(subAbort.subXid()).toArray(Integer[]::new));
        assertThat(range(6001, 8000)).startsWith(idsByXid.get(wholeAbort.xid()).toArray(Integer[]::new));
        assertThat(idsByXid.get(commits.get(0).xid())).containsExactlyElementsOf(range(1, 3000));
        assertThat(idsByXid.get(subAbort.xid())).containsExactlyElementsOf(range(3001, 4000));
        // after ROLLBACK TO SAVEPOINT the savepoint stays: the next row belongs to a new subtransaction
        assertThat(idsByXid.values()).contains(List.of(5001));
        assertThat(idsByXid.get(0L)).containsExactly(9000); // the small transaction was not streamed
        assertThat(m.get(m.size() - 1)).isInstanceOf(PgOutputMessage.Commit.class);
    }

    @Test
    void protocol2StreamsLargeTransactionsWithXidsAndAborts() {
        assertStreamed(captures.get("v2-stream"), false);
    }

    @Test
    void protocol4ParallelStreamingSendsAbortLsnAndTime() {
        assertStreamed(captures.get("v4-parallel"), true);
    }

    @Test
    void protocol3DecodesTwoPhaseTransactions() {
        List<PgOutputMessage> m = captures.get("v3-twophase");
        assertThat(all(m, PgOutputMessage.BeginPrepare.class)).extracting(PgOutputMessage.BeginPrepare::gid)
                .containsExactly("pglab_g1", "pglab_g2");
        assertThat(all(m, PgOutputMessage.Prepare.class)).extracting(PgOutputMessage.Prepare::gid)
                .containsExactly("pglab_g1", "pglab_g2");
        assertThat(all(m, PgOutputMessage.StreamPrepare.class)).extracting(PgOutputMessage.StreamPrepare::gid)
                .containsExactly("pglab_g3");
        assertThat(all(m, PgOutputMessage.CommitPrepared.class)).extracting(PgOutputMessage.CommitPrepared::gid)
                .containsExactly("pglab_g1", "pglab_g3");
        assertThat(all(m, PgOutputMessage.RollbackPrepared.class)).extracting(PgOutputMessage.RollbackPrepared::gid)
                .containsExactly("pglab_g2");
        var begin = all(m, PgOutputMessage.BeginPrepare.class).get(0);
        var prepare = all(m, PgOutputMessage.Prepare.class).get(0);
        assertThat(prepare.xid()).isEqualTo(begin.xid());
        assertThat(prepare.prepareLsn()).isEqualTo(begin.prepareLsn());
        var inserts = insertsInto(m, "tp");
        assertThat(inserts.get(0).newTuple().values()).containsExactly(new Value.Text("1"), new Value.Text("a"));
        assertThat(inserts.get(1).newTuple().values()).containsExactly(new Value.Text("2"), new Value.Text("b"));
        assertThat(inserts).hasSize(2 + 2000);
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }
}
