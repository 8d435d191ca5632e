package dev.pglab.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pglab.fixtures.wal.PgOutputEncoder;
import dev.pglab.fixtures.wal.PgOutputEncoder.Column;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PgOutputDecoderTest {
    private final PgOutputEncoder enc = new PgOutputEncoder();
    private final RecordDecoder decoder = new RecordDecoder();

    private PgOutputMessage.Relation describe(long xid) {
        return (PgOutputMessage.Relation) decoder.decode(enc.relation(xid, 16384, "public", "t", 'f',
                Column.key("id", PgTypes.INT4), Column.of("name", PgTypes.TEXT), Column.of("blob", PgTypes.BYTEA)));
    }

    @Test
    void transactionMessagesDecodeToTheirFields() {
        assertThat(decoder.decode(enc.begin(0x1_0000_0100L, 123_456L, 4_000_000_000L)))
                .isEqualTo(new PgOutputMessage.Begin(0x1_0000_0100L, 123_456L, 4_000_000_000L));
        assertThat(decoder.decode(enc.commit(0, 10, 20, 30))).isEqualTo(new PgOutputMessage.Commit(0, 10, 20, 30));
        assertThat(decoder.decode(enc.origin(77, "node_a"))).isEqualTo(new PgOutputMessage.Origin(77, "node_a"));
        assertThat(decoder.decode(enc.type(0, 70000, "public", "mood")))
                .isEqualTo(new PgOutputMessage.Type(0, 70000, "public", "mood"));
        assertThat(decoder.decoder().types().get(70000).name()).isEqualTo("mood");
        assertThat(decoder.decode(enc.beginPrepare(1, 2, 3, 4, "gid-1")))
                .isEqualTo(new PgOutputMessage.BeginPrepare(1, 2, 3, 4, "gid-1"));
        assertThat(decoder.decode(enc.prepare(0, 1, 2, 3, 4, "gid-1")))
                .isEqualTo(new PgOutputMessage.Prepare(0, 1, 2, 3, 4, "gid-1"));
        assertThat(decoder.decode(enc.commitPrepared(0, 5, 6, 7, 4, "gid-1")))
                .isEqualTo(new PgOutputMessage.CommitPrepared(0, 5, 6, 7, 4, "gid-1"));
        assertThat(decoder.decode(enc.rollbackPrepared(0, 5, 6, 7, 8, 4, "gid-2")))
                .isEqualTo(new PgOutputMessage.RollbackPrepared(0, 5, 6, 7, 8, 4, "gid-2"));
        assertThat(decoder.decode(enc.streamPrepare(0, 1, 2, 3, 9, "gid-3")))
                .isEqualTo(new PgOutputMessage.StreamPrepare(0, 1, 2, 3, 9, "gid-3"));
    }

    @Test
    void changesCarryTheirRelationAndAllFourTupleKinds() {
        PgOutputMessage.Relation rel = describe(0);
        assertThat(rel.qualifiedName()).isEqualTo("public.t");
        assertThat(rel.replicaIdentity()).isEqualTo('f');
        assertThat(rel.columns()).extracting(PgOutputMessage.Relation.Column::name).containsExactly("id", "name", "blob");
        assertThat(rel.columns().get(0).key()).isTrue();

        var insert = (PgOutputMessage.Insert) decoder.decode(enc.insert(0, 16384, "1", null, new byte[] {1, 2}));
        assertThat(insert.relation()).isSameAs(rel);
        assertThat(insert.newTuple().values()).containsExactly(new Value.Text("1"), Value.NULL, new Value.Binary(new byte[] {1, 2}));

        var update = (PgOutputMessage.Update) decoder.decode(enc.update(0, 16384, 'O',
                new Object[] {"1", "a", PgOutputEncoder.UNCHANGED}, new Object[] {"1", "b", PgOutputEncoder.UNCHANGED}));
        assertThat(update.oldKind()).isEqualTo('O');
        assertThat(update.oldTuple().text(1)).isEqualTo("a");
        assertThat(update.newTuple().get(2)).isEqualTo(Value.UNCHANGED_TOAST);

        var plain = (PgOutputMessage.Update) decoder.decode(enc.update(0, 16384, (char) 0, null, new Object[] {"2", "c", null}));
        assertThat(plain.oldKind()).isEqualTo((char) 0);
        assertThat(plain.oldTuple()).isNull();

        var delete = (PgOutputMessage.Delete) decoder.decode(enc.delete(0, 16384, 'K', "2", null, null));
        assertThat(delete.oldKind()).isEqualTo('K');
        assertThat(delete.oldTuple().text(0)).isEqualTo("2");

        var truncate = (PgOutputMessage.Truncate) decoder.decode(enc.truncate(0, 3, 16384, 16390));
        assertThat(truncate.relationOids()).containsExactly(16384, 16390);
        assertThat(truncate.cascade()).isTrue();
        assertThat(truncate.restartIdentity()).isTrue();

        var message = (PgOutputMessage.Message) decoder.decode(enc.message(0, true, 99, "pfx", "hi".getBytes(StandardCharsets.UTF_8)));
        assertThat(message.transactional()).isTrue();
        assertThat(message.prefix()).isEqualTo("pfx");
        assertThat(message.content()).asString(StandardCharsets.UTF_8).isEqualTo("hi");
    }

    @Test
    void changesInsideAStreamedTransactionCarryTheirXid() {
        assertThat(decoder.decode(enc.streamStart(700, true))).isEqualTo(new PgOutputMessage.StreamStart(700, true));
        assertThat(decoder.decoder().inStreamedTransaction()).isTrue();
        describe(701);
        var insert = (PgOutputMessage.Insert) decoder.decode(enc.insert(701, 16384, "1", "x", null));
        assertThat(insert.xid()).isEqualTo(701);
        var message = (PgOutputMessage.Message) decoder.decode(enc.message(701, true, 5, "p", new byte[0]));
        assertThat(message.xid()).isEqualTo(701);
        assertThat(decoder.decode(enc.streamStop())).isEqualTo(new PgOutputMessage.StreamStop());
        assertThat(decoder.decoder().inStreamedTransaction()).isFalse();
        assertThat(decoder.decode(enc.streamCommit(700, 0, 1, 2, 3))).isEqualTo(new PgOutputMessage.StreamCommit(700, 0, 1, 2, 3));
        assertThat(decoder.decode(enc.streamAbort(700, 701, -1, -1))).isEqualTo(new PgOutputMessage.StreamAbort(700, 701, -1, -1));
        assertThat(decoder.decode(enc.streamAbort(700, 701, 4096, 55))).isEqualTo(new PgOutputMessage.StreamAbort(700, 701, 4096, 55));
    }

    @Test
    void aRelationResentForTheSameOidReplacesTheCachedOne() {
        describe(0);
        var changed = (PgOutputMessage.Relation) decoder.decode(enc.relation(0, 16384, "public", "t", 'd',
                Column.key("id", PgTypes.INT4), Column.of("name", PgTypes.TEXT)));
        var insert = (PgOutputMessage.Insert) decoder.decode(enc.insert(0, 16384, "1", "n"));
        assertThat(insert.relation()).isSameAs(changed);
        assertThat(decoder.decoder().relations().size()).isEqualTo(1);
    }

    @Test
    void anUnknownRelationOidIsAClearError() {
        assertThatThrownBy(() -> decoder.decode(enc.insert(0, 424242, "1")))
                .isInstanceOf(PgOutputException.class)
                .hasMessageContaining("Insert ('I')")
                .hasMessageContaining("424242 is unknown")
                .satisfies(e -> assertThat(((PgOutputException) e).offset()).isEqualTo(1));
    }

    @Test
    void aTruncatedMessageNamesTheOffsetTypeAndWhatWasExpected() {
        describe(0);
        byte[] insert = enc.insert(0, 16384, "1", "abc", null);
        byte[] cut = java.util.Arrays.copyOf(insert, insert.length - 3);
        assertThatThrownBy(() -> decoder.decode(cut))
                .isInstanceOf(PgOutputException.class)
                .satisfies(e -> {
                    PgOutputException p = (PgOutputException) e;
                    assertThat(p.messageType()).isEqualTo((byte) 'I');
                    assertThat(p.offset()).isEqualTo(15); // the length field of column 1
                    assertThat(p.expected()).contains("length of column 1");
                });
        assertThatThrownBy(() -> decoder.decode(new byte[] {'Z', 1}))
                .isInstanceOf(PgOutputException.class).hasMessageContaining("unknown type 0x5a");
        assertThatThrownBy(() -> decoder.decode(enc.insert(0, 16384, "1", "a")))
                .hasMessageContaining("3 columns as Relation 16384");
        byte[] padded = java.util.Arrays.copyOf(enc.commit(0, 1, 2, 3), 30);
        assertThatThrownBy(() -> decoder.decode(padded)).hasMessageContaining("the end of the message, but 4 bytes remain");
    }

    @Test
    void theFlyweightReadsTypedValuesInTextAndBinaryWithoutCopying() {
        PgOutputDecoder flyweight = new PgOutputDecoder();
        ByteBuffer rel = ByteBuffer.wrap(enc.relation(0, 1, "s", "typed", 'd', Column.key("a", PgTypes.INT8),
                Column.of("b", PgTypes.BOOL), Column.of("c", PgTypes.INT2), Column.of("d", PgTypes.FLOAT8),
                Column.of("e", PgTypes.NUMERIC), Column.of("f", PgTypes.UUID_OID), Column.of("g", PgTypes.DATE),
                Column.of("h", PgTypes.TIMESTAMP)));
        flyweight.decode(rel, PgOutputVisitor.NONE);
        UUID uuid = UUID.fromString("0e37df36-f698-11e6-8dd4-cb9ced3df976");
        List<ByteBuffer> messages = List.of(
                ByteBuffer.wrap(enc.insert(0, 1, "-9223372036854775808", "t", "-12", "2.5", "-12.3400", uuid.toString(),
                        "2024-02-29", "2024-02-29 12:34:56.789"))
                ,
                ByteBuffer.wrap(enc.insert(0, 1, ByteBuffer.allocate(8).putLong(Long.MIN_VALUE).array(), new byte[] {1},
                        new byte[] {(byte) 0xff, (byte) 0xf4}, ByteBuffer.allocate(8).putDouble(2.5).array(),
                        new byte[] {0, 2, 0, 0, 0x40, 0, 0, 4, 0, 12, 0x0d, 0x48},
                        ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array(),
                        ByteBuffer.allocate(4).putInt(8825).array(),
                        ByteBuffer.allocate(8).putLong(762_525_296_789_000L).array())));
        for (ByteBuffer m : messages) {
            flyweight.decode(m, new PgOutputVisitor() {
                @Override
                public void insert(long xid, PgOutputMessage.Relation relation, TupleView t) {
                    assertThat(t.getLong(0)).isEqualTo(Long.MIN_VALUE);
                    assertThat(t.getBoolean(1)).isTrue();
                    assertThat(t.getInt(2)).isEqualTo(-12);
                    assertThat(t.getDouble(3)).isEqualTo(2.5);
                    assertThat(t.value(4)).isEqualTo(new BigDecimal("-12.3400"));
                    assertThat(t.value(5)).isEqualTo(uuid);
                    assertThat(t.value(6)).isEqualTo(LocalDate.of(2024, 2, 29));
                    assertThat(t.value(7)).isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000));
                }
            });
        }
    }

    @Test
    void theFlyweightPathAllocatesNothingPerMessage() {
        var image = dev.pglab.wal.pgo.PgoImage.of("narrow", dev.pglab.wal.pgo.PgoWriter.toBytes(out ->
                dev.pglab.fixtures.wal.SyntheticWal.write(dev.pglab.fixtures.wal.SyntheticWal.Shape.MIXED, 4, 500, 1, out::write)));
        PgOutputDecoder flyweight = new PgOutputDecoder();
        long[] sink = new long[1];
        PgOutputVisitor reader = new PgOutputVisitor() {
            @Override
            public void update(long xid, PgOutputMessage.Relation relation, byte oldKind, TupleView oldTuple, TupleView newTuple) {
                sink[0] += newTuple.getLong(0) + newTuple.length(1) + oldTuple.kind(2);
            }

            @Override
            public void insert(long xid, PgOutputMessage.Relation relation, TupleView newTuple) {
                sink[0] += newTuple.getLong(0) + newTuple.length(1);
            }
        };
        // caches the relation and grows the views; more passes let the JIT settle, so a loaded machine's
        // late compilations are not counted as the decoder's allocations
        for (int pass = 0; pass < 5; pass++) {
            PgoDecoding.visitAll(image, flyweight, reader);
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 1; i < image.size(); i++) { // skips the Relation message, which allocates by design
            if (image.type(i) != 'R') {
                flyweight.decode(image.buffer(), image.payloadOffset(i), image.length(i), reader);
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(image.size()).isGreaterThan(3000);
        assertThat(allocated).as("bytes allocated decoding %d messages", image.size()).isLessThan(1024);
        assertThat(sink[0]).isPositive();
    }
}
