package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pglab.fixtures.fuzz.AllocationMeter;
import dev.pglab.fixtures.fuzz.ByteMutation;
import dev.pglab.fixtures.fuzz.MutationFuzz;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Structured mutations of a real {@code .replay} file (the capture slice written by the parser): reading it either
 * gives back exactly the items written, or throws {@link LogParseException} — a changed, cut or extended file never
 * reads as different items, and never allocates what a corrupt length claims.
 */
class ReplayFileFuzzTest {
    private static final List<byte[]> TOKENS = ByteMutation.tokens("\u0000\u0000\u0000\u0000",
            "\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u0001", "\u0003", "\u0004", "PGLABEND", "PGLABRPL\u0002");
    private static final List<ReplayItem> ITEMS = new ArrayList<>();
    private static final byte[] SEED = seed();

    private static byte[] seed() {
        try {
            Path log = Files.createTempFile("pglab-fuzz", ".log");
            try {
                Files.write(log, CapturedSlices.of(LogFormat.STDERR));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ReplayFileWriter w = new ReplayFileWriter(bytes)) {
                    new LogParser(CapturedSlices.options(LogFormat.STDERR)).parse(log, item -> {
                        ITEMS.add(item);
                        w.accept(item);
                    });
                    w.finish();
                }
                return bytes.toByteArray();
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<List<ByteMutation>> mutations() {
        return MutationFuzz.mutations(4);
    }

    @Property(tries = 1000)
    void aMutatedReplayFileReadsBackWhole(@ForAll("mutations") List<ByteMutation> ms) {
        byte[] input = ByteMutation.applyAll(SEED, ms, TOKENS);
        check(input, "mutations " + ms);
    }

    @Example
    void aLostVersionByteIsRejectedNotReadAsAnEmptyVersion1File() {
        // found by 20,000 tries: the first record's tag (1) became the version, its first 0 byte the end mark
        byte[] input = ByteMutation.applyAll(SEED, List.of(new ByteMutation(3, 8, 0, 0)), TOKENS);
        assertThatThrownBy(() -> {
            try (ReplayFileReader r = new ReplayFileReader("fuzz.replay", new ByteArrayInputStream(input))) {
                r.forEachRemaining(item -> { });
            }
        }).isInstanceOf(LogParseException.class).hasMessageContaining("bytes follow its end mark");
    }

    @Example
    void aLengthWithItsSignBitSetIsRejected() {
        // found by 100,000 tries: an inserted newline turned a varint into ten bytes, a negative string length
        check(ByteMutation.applyAll(SEED, List.of(new ByteMutation(2, -1, 0, 0), new ByteMutation(2, -19564, 0, -152)),
                TOKENS), "a negative string length");
    }

    @Example
    void everyKeptCrasherIsRejected() throws Exception {
        Path dir = Path.of(getClass().getResource("/fuzz-crashers/replay").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> corpus = files.sorted().toList();
            assertThat(corpus).isNotEmpty();
            for (Path f : corpus) {
                check(Files.readAllBytes(f), "corpus file " + f.getFileName());
            }
        }
    }

    static void check(byte[] input, String what) {
        List<ReplayItem> back = new ArrayList<>();
        AllocationMeter.Measured m = MutationFuzz.run(() -> {
            try (ReplayFileReader r = new ReplayFileReader("fuzz.replay", new ByteArrayInputStream(input))) {
                r.forEachRemaining(back::add);
            }
        }, input.length, new MutationFuzz.AllocationBound(64, 8 << 20), what, LogParseException.class);
        if (m.thrown() == null) {
            assertThat(back).as("a file that reads whole holds exactly what was written; %s", what).isEqualTo(ITEMS);
        }
    }
}
