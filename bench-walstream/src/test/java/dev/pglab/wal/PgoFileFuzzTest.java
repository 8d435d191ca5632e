package dev.pglab.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.fuzz.ByteMutation;
import dev.pglab.fixtures.fuzz.MutationFuzz;
import dev.pglab.wal.pgo.PgoFormatException;
import dev.pglab.wal.pgo.PgoImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whole-file mutations of real {@code .pgo} captures (headers, lengths, payloads), read by the streaming reader and
 * the in-memory image and decoded: only {@link PgoFormatException} or {@link PgOutputException}, and never more
 * allocated than in proportion to the file (a length of 1 GiB in a 7.5 KB file once gave OutOfMemoryError).
 */
class PgoFileFuzzTest {
    private static final List<String> CAPTURES = List.of("v1-text", "v1-binary", "v2-stream-trimmed",
            "v3-twophase-trimmed", "v4-parallel-trimmed");
    private static final List<byte[]> FILES = CAPTURES.stream().map(PgoFileFuzzTest::load).toList();
    private static final List<byte[]> TOKENS = ByteMutation.tokens("\u0040\u0000\u0000\u0000", "\u007f\u00ff\u00ff\u00ff",
            "\u0000\u0000\u0000\u0000", "\u0000\u0000\u0000\u000c", "B", "C", "R", "I", "U", "D", "S", "E", "A", "P", "K");

    private static byte[] load(String name) {
        try (InputStream in = PgoFileFuzzTest.class.getResourceAsStream("/pgo/" + name + ".pgo")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<List<ByteMutation>> mutations() {
        return MutationFuzz.mutations(4);
    }

    @Property(tries = 500)
    void aMutatedCaptureIsDecodedOrRejectedAtItsOffset(@ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 4) int capture,
                                                       @ForAll("mutations") List<ByteMutation> ms) throws IOException {
        check(ByteMutation.applyAll(FILES.get(capture), ms, TOKENS), CAPTURES.get(capture) + " " + ms);
    }

    @Example
    void everyKeptCrasherIsRejectedWithItsOffset() throws Exception {
        Path dir = Path.of(getClass().getResource("/fuzz-crashers/pgo").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> corpus = files.sorted().toList();
            assertThat(corpus).isNotEmpty();
            for (Path f : corpus) {
                check(Files.readAllBytes(f), "corpus file " + f.getFileName());
            }
        }
    }

    static void check(byte[] input, String what) throws IOException {
        Path file = Files.createTempFile("pglab-fuzz", ".pgo");
        try {
            Files.write(file, input);
            MutationFuzz.AllocationBound bound = new MutationFuzz.AllocationBound(256, 8 << 20);
            MutationFuzz.run(() -> PgoDecoding.readAll(file), input.length, bound, what,
                    PgoFormatException.class, PgOutputException.class);
            MutationFuzz.run(() -> PgoDecoding.decodeAll(PgoImage.of("fuzz.pgo", input)), input.length, bound, what,
                    PgoFormatException.class, PgOutputException.class);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
