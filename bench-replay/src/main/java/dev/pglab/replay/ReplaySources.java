package dev.pglab.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Opens the replay's input: a server log (through bench-parser, streamed) or a {@code .replay} file. */
public final class ReplaySources {
    private ReplaySources() {
    }

    /**
     * @param format {@code stderr}, {@code csv} or {@code json}; empty to decide from the file
     */
    public static ReplaySource open(Path file, Optional<String> format) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file + ": no such file or no permission");
        }
        throw new UnsupportedOperationException("reading " + file + " needs bench-parser's log reader, which is not merged yet");
    }
}
