package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A .replay file cannot lie: it is whole with its trailer, or it says it is cut or corrupt. */
class ReplayFileTrailerTest {
    @TempDir
    Path tmp;
    Path log;
    Path replay;
    List<ReplayItem> parsed = new ArrayList<>();

    @BeforeEach
    void writeAReplayFileOfTheCapture() throws IOException {
        log = tmp.resolve("postgresql.log");
        Files.write(log, CapturedSlices.of(LogFormat.STDERR));
        replay = tmp.resolve("cap.replay");
        try (ReplayFileWriter w = new ReplayFileWriter(replay)) {
            new LogParser(CapturedSlices.options(LogFormat.STDERR)).parse(log, item -> {
                parsed.add(item);
                w.accept(item);
            });
            w.finish();
        }
    }

    static List<ReplayItem> readAll(Path file) throws IOException {
        List<ReplayItem> back = new ArrayList<>();
        try (ReplayFileReader r = new ReplayFileReader(file)) {
            r.forEachRemaining(back::add);
        }
        return back;
    }

    @Test
    void aWholeFileReadsBackVerified() throws IOException {
        assertThat(readAll(replay)).isEqualTo(parsed);
        ReplayFileSummary s = ReplayFileSummary.of(replay);
        assertThat(s.verified()).isTrue();
        assertThat(s.items()).isEqualTo(parsed.size());
        assertThat(s.integrity()).contains("verified");
        assertThat(tmp.resolve(".cap.replay.partial")).doesNotExist();
    }

    @Test
    void everyCutIsReportedAsTruncatedNeverAsComplete() throws IOException {
        byte[] whole = Files.readAllBytes(replay);
        Path cut = tmp.resolve("cut.replay");
        for (int len = 9; len < whole.length; len += Math.max(1, whole.length / 97)) {
            Files.write(cut, Arrays.copyOf(whole, len));
            int at = len;
            assertThatThrownBy(() -> readAll(cut)).as("cut at %d of %d", at, whole.length)
                    .isInstanceOf(LogParseException.class).hasMessageContaining("truncated");
            ReplayFileSummary s = ReplayFileSummary.of(cut);
            assertThat(s.damaged()).isTrue();
        }
        Files.write(cut, Arrays.copyOf(whole, whole.length - 1));
        assertThatThrownBy(() -> readAll(cut)).hasMessageContaining("truncated");
    }

    @Test
    void aChangedByteAnywhereIsCaughtNeverSilentlyDifferentItems() throws IOException {
        byte[] whole = Files.readAllBytes(replay);
        Path bad = tmp.resolve("bad.replay");
        for (int at = 9; at < whole.length; at += Math.max(1, whole.length / 211)) {
            byte[] b = whole.clone();
            b[at] ^= 0x20;
            Files.write(bad, b);
            int where = at;
            assertThatThrownBy(() -> readAll(bad)).as("byte %d flipped", where).isInstanceOf(LogParseException.class);
        }
    }

    @Test
    void aWriterClosedWithoutFinishLeavesNoFile() throws IOException {
        Path out = tmp.resolve("failed.replay");
        try (ReplayFileWriter w = new ReplayFileWriter(out)) {
            parsed.forEach(w);
            // the parse failed here: no finish()
        }
        assertThat(out).doesNotExist();
        assertThat(tmp.resolve(".failed.replay.partial")).doesNotExist();
    }

    @Test
    void aVersion1FileWithoutTrailerIsReadButSaysItCannotBeVerified() throws IOException {
        byte[] whole = Files.readAllBytes(replay);
        byte[] v1 = Arrays.copyOf(whole, whole.length - ReplayFileFormat.TRAILER_BYTES);
        v1[8] = 1;
        Path old = tmp.resolve("old.replay");
        Files.write(old, v1);
        assertThat(readAll(old)).isEqualTo(parsed);
        ReplayFileSummary s = ReplayFileSummary.of(old);
        assertThat(s.verified()).isFalse();
        assertThat(s.damaged()).isFalse();
        assertThat(s.integrity()).contains("cannot verify");
    }

    @Test
    void aReplayFileIsKnownByItsMagicWhateverItsName() throws IOException {
        Path renamed = tmp.resolve("capture.log");
        Files.copy(replay, renamed);
        assertThat(ReplayFileReader.isReplayFile(renamed)).isTrue();
        assertThat(ReplayFileReader.isReplayFile(log)).isFalse();
    }
}
