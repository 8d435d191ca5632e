package dev.pglab.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.wal.pgo.PgoImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutates real captured messages (every kind of protocols 1-4, text and binary; src/test/resources/pgo) and
 * decodes them after the unmutated messages before them, so the relation cache and stream state are real: the
 * decoder may accept a mutation or reject it with {@link PgOutputException}, never anything else.
 */
class PgOutputFuzzTest {
    private static final List<String> CAPTURES = List.of("v1-text", "v1-binary", "v2-stream-trimmed",
            "v3-twophase-trimmed", "v4-parallel-trimmed");
    private static final List<PgoImage> IMAGES = CAPTURES.stream().map(PgOutputFuzzTest::load).toList();

    private static PgoImage load(String name) {
        try (InputStream in = PgOutputFuzzTest.class.getResourceAsStream("/pgo/" + name + ".pgo")) {
            return PgoImage.of(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One mutation of one message: kind 0 = set a byte, 1 = truncate, 2 = insert bytes, 3 = delete bytes, 4 = set an int. */
    record Mutation(int kind, int position, int value, int span) {
        byte[] apply(byte[] m) {
            int p = Math.floorMod(position, m.length);
            return switch (kind) {
                case 0 -> { byte[] c = m.clone(); c[p] = (byte) value; yield c; }
                case 1 -> Arrays.copyOf(m, p);
                case 2 -> {
                    byte[] c = new byte[m.length + span];
                    System.arraycopy(m, 0, c, 0, p);
                    Arrays.fill(c, p, p + span, (byte) value);
                    System.arraycopy(m, p, c, p + span, m.length - p);
                    yield c;
                }
                case 3 -> {
                    int n = Math.min(span, m.length - p);
                    byte[] c = new byte[m.length - n];
                    System.arraycopy(m, 0, c, 0, p);
                    System.arraycopy(m, p + n, c, p, m.length - p - n);
                    yield c;
                }
                default -> {
                    byte[] c = m.clone();
                    int[] extremes = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 32767, 65535, value};
                    int v = extremes[Math.floorMod(span, extremes.length)];
                    for (int i = 0; i < 4 && p + i < c.length; i++) {
                        c[p + i] = (byte) (v >>> (24 - 8 * i));
                    }
                    yield c;
                }
            };
        }
    }

    record Case(int capture, int record, List<Mutation> mutations) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(-128, 255).edgeCases(e -> e.add(0)),
                Arbitraries.integers().between(1, 64)).as(Mutation::new);
        return Combinators.combine(Arbitraries.integers().between(0, IMAGES.size() - 1),
                Arbitraries.integers().between(0, 1 << 20), mutation.list().ofMinSize(1).ofMaxSize(4)).as(Case::new);
    }

    @Property(tries = 3000)
    void mutatedRealMessagesDecodeOrFailWithPgOutputExceptionOnly(@ForAll("cases") Case c) {
        PgoImage image = IMAGES.get(c.capture());
        int target = Math.floorMod(c.record(), image.size());
        byte[] message = image.payload(target);
        for (Mutation m : c.mutations()) {
            if (message.length == 0) {
                break;
            }
            message = m.apply(message);
        }
        PgOutputDecoder flyweight = new PgOutputDecoder();
        RecordDecoder records = new RecordDecoder();
        for (int i = 0; i < target; i++) {
            flyweight.decode(image.buffer(), image.payloadOffset(i), image.length(i), PgOutputVisitor.NONE);
            records.decode(image.buffer(), image.payloadOffset(i), image.length(i));
        }
        byte[] mutated = message;
        decodeOrPgOutputException(() -> flyweight.decode(ByteBuffer.wrap(mutated), PgOutputVisitor.NONE));
        decodeOrPgOutputException(() -> records.decode(mutated));
    }

    private static void decodeOrPgOutputException(Runnable decode) {
        try {
            decode.run();
        } catch (PgOutputException expected) {
            assertThat(expected.offset()).isGreaterThanOrEqualTo(0);
            assertThat(expected.getMessage()).contains("expected");
        }
    }

    @Example
    void theSampleCapturesHoldEveryMessageKind() {
        StringBuilder types = new StringBuilder();
        for (PgoImage image : IMAGES) {
            for (int i = 0; i < image.size(); i++) {
                char t = (char) image.type(i);
                if (types.indexOf(String.valueOf(t)) < 0) {
                    types.append(t);
                }
            }
        }
        assertThat(types.chars().mapToObj(ch -> String.valueOf((char) ch)).toList())
                .containsExactlyInAnyOrder("B", "C", "O", "R", "Y", "I", "U", "D", "T", "M", "S", "E", "c", "A", "b", "P", "K", "r", "p");
        // and they decode whole
        for (PgoImage image : IMAGES) {
            assertThat(PgoDecoding.decodeAll(image)).hasSize(image.size());
        }
    }
}
