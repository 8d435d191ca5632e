package dev.pglab.wal.bench;

import dev.pglab.harness.jmh.InjectedSlowdown;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.wal.MessageTypes;
import dev.pglab.wal.PgOutputDecoder;
import dev.pglab.wal.PgOutputMessage;
import dev.pglab.wal.PgOutputVisitor;
import dev.pglab.wal.PgoDecoding;
import dev.pglab.wal.RecordDecoder;
import dev.pglab.wal.TupleView;
import dev.pglab.wal.pgo.PgoImage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding throughput from memory: one operation = one pgoutput message of a real capture or a synthetic stream,
 * cycling through the stream's transaction messages (B, C, I, U, D, ...; the Relation messages were decoded in
 * setup, as a live consumer decodes them once per session). Score = messages/s; the {@code bytes} and
 * {@code dml} counters give payload bytes/s and DML messages/s; {@code -prof gc} gives bytes allocated per
 * message. Decoders, side by side on the same bytes:
 * <ul>
 *   <li>{@code decode}, pglab's decoders on every fixture:
 *   <ul>
 *     <li>{@code flyweight}: pglab's visitor; reads every column's kind and length (decode to slices)</li>
 *     <li>{@code flyweight_headers}: the same decoding (every column's framing is walked and checked), but the
 *     visitor reads only the relation and the column count: the decoder's own cost</li>
 *     <li>{@code records}: pglab's immutable records (a String or byte[] per column)</li>
 *     <li>{@code typed}: the flyweight plus every column converted to its Java type (Long, LocalDateTime, ...)</li>
 *     <li>{@code naive}: the String-per-column decoder a plain Java consumer writes (reference)</li>
 *   </ul></li>
 *   <li>{@code debezium}, Debezium's pgoutput decoder on the captured (protocol 1 text) fixtures only, since it
 *   decodes nothing else; a separate method so that every parameter combination runs:
 *   <ul>
 *     <li>{@code debezium_strings}: decode to a String per text column (level "strings": compare with
 *     {@code records}, and with {@code flyweight} which decodes to slices)</li>
 *     <li>{@code debezium_typed}: plus {@code getValue} on every column (level "typed": compare with {@code typed})</li>
 *   </ul></li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBench {

    /** pglab's decoders. */
    @State(Scope.Thread)
    public static class Pglab {
        @Param({"captured-narrow", "captured-mixed", "captured-wide20", "captured-2kb",
                "synthetic-narrow", "synthetic-narrow_binary"})
        public String fixture;

        /** A known slowdown for calibrating the A/B gate (-Dpglab.ab.slowdown, head side only); nothing otherwise. */
        final InjectedSlowdown slowdown = new InjectedSlowdown();

        @Param({"flyweight", "flyweight_headers", "records", "typed", "naive"})
        public String decoder;

        Replay replay;
        Decoding decoding;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            PgoImage image = BenchCaptures.load(fixture);
            replay = new Replay(image);
            decoding = switch (decoder) {
                case "flyweight" -> flyweight(image, Consume.KIND_AND_LENGTH);
                case "flyweight_headers" -> flyweight(image, Consume.HEADERS);
                case "typed" -> flyweight(image, Consume.TYPED_VALUE);
                case "records" -> records(image);
                case "naive" -> naive();
                default -> throw new IllegalArgumentException("decoder " + decoder
                        + ": expected flyweight, flyweight_headers, records, typed or naive");
            };
            replay.verify(image, fixture, (off, len, bh) -> decoding.decode(replay.buffer, off, len, bh));
        }
    }

    /**
     * Debezium's decoder, set up against a live server (the embedded one, LOGICAL profile, or -Dpglab.pg) that
     * holds the capture's schema; the server stays up during the trial because Debezium keeps its connection.
     */
    @State(Scope.Thread)
    public static class Debezium {
        @Param({"captured-narrow", "captured-mixed", "captured-wide20", "captured-2kb"})
        public String fixture;

        @Param({"debezium_strings", "debezium_typed"})
        public String decoder;

        Replay replay;
        DebeziumDecoding decoding;
        private PgServer server;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            DebeziumDecoding.Level level = switch (decoder) {
                case "debezium_strings" -> DebeziumDecoding.Level.STRINGS;
                case "debezium_typed" -> DebeziumDecoding.Level.TYPED;
                default -> throw new IllegalArgumentException("decoder " + decoder + ": expected debezium_strings or debezium_typed");
            };
            PgoImage image = BenchCaptures.load(fixture);
            replay = new Replay(image);
            server = PgServer.start(PgServerConfig.fromEnvironment(ServerProfile.LOGICAL));
            decoding = new DebeziumDecoding(server, "pglab_debezium", BenchCaptures.capturedSetup(fixture), image, level);
            replay.verify(image, fixture, decoding::decode);
            if (decoding.noops() != 0 || decoding.dmlSeen() != replay.dmlMessages()) {
                throw new IllegalStateException(fixture + ": Debezium delivered " + decoding.dmlSeen() + " DML changes and "
                        + decoding.noops() + " no-ops for " + replay.dmlMessages() + " DML messages");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            if (decoding != null) {
                decoding.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }

    /** Payload bytes and DML messages decoded, reported by JMH as rates per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long bytes;
        public long dml;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
            dml = 0;
        }
    }

    interface Decoding {
        void decode(ByteBuffer buffer, int offset, int length, Blackhole bh);
    }

    /** Decodes the message at an offset of the replayed buffer. */
    interface MessageDecoding {
        void decode(int offset, int length, Blackhole bh);
    }

    /** The fixture's transaction messages in order (Relation and Type messages left out), replayed in a cycle. */
    static final class Replay {
        final ByteBuffer buffer;
        final int[] offsets;
        final int[] lengths;
        final boolean[] dml;
        int next;

        Replay(PgoImage image) {
            buffer = image.buffer();
            int n = 0;
            int[] offs = new int[image.size()];
            int[] lens = new int[image.size()];
            boolean[] isDml = new boolean[image.size()];
            for (int i = 0; i < image.size(); i++) {
                byte t = image.type(i);
                if (t == MessageTypes.RELATION || t == MessageTypes.TYPE) {
                    continue;
                }
                offs[n] = image.payloadOffset(i);
                lens[n] = image.length(i);
                isDml[n] = MessageTypes.isDml(t);
                n++;
            }
            offsets = Arrays.copyOf(offs, n);
            lengths = Arrays.copyOf(lens, n);
            dml = Arrays.copyOf(isDml, n);
        }

        long dmlMessages() {
            long counted = 0;
            for (boolean d : dml) {
                counted += d ? 1 : 0;
            }
            return counted;
        }

        /** The benchmark checks its own answer: every decoder must see every DML message of the fixture. */
        void verify(PgoImage image, String fixture, MessageDecoding decoding) {
            long expected = PgoDecoding.decodeAll(image).stream().filter(m -> MessageTypes.isDml(m.type())).count();
            long counted = dmlMessages();
            if (expected == 0 || counted != expected) {
                throw new IllegalStateException(fixture + ": the replay holds " + counted + " DML messages, the capture " + expected);
            }
            Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
            for (int i = 0; i < offsets.length; i++) {
                decoding.decode(offsets[i], lengths[i], bh);
            }
            bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
        }
    }

    private static Decoding flyweight(PgoImage image, Consume consume) {
        PgOutputDecoder d = new PgOutputDecoder();
        PgoDecoding.visitAll(image, d, PgOutputVisitor.NONE); // relations cached, as after a session's first transaction
        BlackholeVisitor visitor = new BlackholeVisitor(consume);
        return (buf, off, len, bh) -> {
            visitor.bh = bh;
            d.decode(buf, off, len, visitor);
        };
    }

    private static Decoding records(PgoImage image) {
        RecordDecoder d = new RecordDecoder();
        PgoDecoding.visitAll(image, d.decoder(), PgOutputVisitor.NONE);
        return (buf, off, len, bh) -> bh.consume(d.decode(buf, off, len));
    }

    private static Decoding naive() {
        NaiveStringDecoder d = new NaiveStringDecoder();
        return (buf, off, len, bh) -> bh.consume(d.decode(buf, off, len));
    }

    @Benchmark
    public void decode(Pglab state, Blackhole bh, Counters counters) {
        Replay r = state.replay;
        int i = r.next;
        r.next = i + 1 == r.offsets.length ? 0 : i + 1;
        state.decoding.decode(r.buffer, r.offsets[i], r.lengths[i], bh);
        state.slowdown.tick();
        counters.bytes += r.lengths[i];
        if (r.dml[i]) {
            counters.dml++;
        }
    }

    @Benchmark
    public void debezium(Debezium state, Blackhole bh, Counters counters) {
        Replay r = state.replay;
        int i = r.next;
        r.next = i + 1 == r.offsets.length ? 0 : i + 1;
        state.decoding.decode(r.offsets[i], r.lengths[i], bh);
        counters.bytes += r.lengths[i];
        if (r.dml[i]) {
            counters.dml++;
        }
    }

    /** What the flyweight's consumer reads of each tuple. */
    enum Consume { KIND_AND_LENGTH, TYPED_VALUE, HEADERS }

    /** Consumes what a hot-path consumer reads: per column its kind and length, or its typed value, or nothing. */
    static final class BlackholeVisitor implements PgOutputVisitor {
        private final Consume consume;
        Blackhole bh;

        BlackholeVisitor(Consume consume) {
            this.consume = consume;
        }

        private void tuple(TupleView t) {
            switch (consume) {
                case HEADERS -> bh.consume(t.columnCount());
                case KIND_AND_LENGTH -> {
                    for (int i = 0, n = t.columnCount(); i < n; i++) {
                        bh.consume(t.kind(i));
                        bh.consume(t.length(i));
                    }
                }
                case TYPED_VALUE -> {
                    for (int i = 0, n = t.columnCount(); i < n; i++) {
                        byte kind = t.kind(i);
                        bh.consume(kind == 't' || kind == 'b' ? t.value(i) : null);
                    }
                }
            }
        }

        @Override
        public void begin(long finalLsn, long commitTime, long xid) {
            bh.consume(finalLsn);
            bh.consume(xid);
        }

        @Override
        public void commit(int flags, long commitLsn, long endLsn, long commitTime) {
            bh.consume(endLsn);
        }

        @Override
        public void insert(long xid, PgOutputMessage.Relation relation, TupleView newTuple) {
            bh.consume(relation);
            tuple(newTuple);
        }

        @Override
        public void update(long xid, PgOutputMessage.Relation relation, byte oldKind, TupleView oldTuple, TupleView newTuple) {
            bh.consume(relation);
            if (oldTuple != null) {
                tuple(oldTuple);
            }
            tuple(newTuple);
        }

        @Override
        public void delete(long xid, PgOutputMessage.Relation relation, byte oldKind, TupleView oldTuple) {
            bh.consume(relation);
            tuple(oldTuple);
        }
    }
}
