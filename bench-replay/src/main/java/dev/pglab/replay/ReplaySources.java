package dev.pglab.replay;

import dev.pglab.parser.ItemStream;
import dev.pglab.parser.LogFormat;
import dev.pglab.parser.LogParser;
import dev.pglab.parser.LogSource;
import dev.pglab.parser.ParseSummary;
import dev.pglab.parser.ParserOptions;
import dev.pglab.parser.ReplayFileReader;
import dev.pglab.parser.ReplayItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens the replay's input, read lazily: a server log through bench-parser's {@link ItemStream} (stderr, csvlog or
 * jsonlog, plain or gzip), or a {@code .replay} file through {@link ReplayFileReader}.
 */
public final class ReplaySources {
    private ReplaySources() {
    }

    /**
     * @param format {@code stderr}, {@code csv} or {@code json}; empty to decide from the file's name and first bytes
     */
    public static ReplaySource open(Path file, Optional<String> format) {
        String unreadable = LogSource.unreadable(file);
        if (unreadable != null) {
            throw new IllegalArgumentException("cannot read " + file + ": " + unreadable);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".replay") || ReplayFileReader.isReplayFile(file)) {
            try {
                return replayFile(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read replay file " + file + ": " + e.getMessage(), e);
            }
        }
        ParserOptions options = ParserOptions.defaults();
        if (format.isPresent()) {
            options = options.withFormat(LogFormat.parse(format.get()));
        }
        return log(file, new LogParser(options));
    }

    static ReplaySource log(Path file, LogParser parser) {
        ItemStream items = parser.stream(file);
        return new ReplaySource() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public ReplayItem next() {
                return items.next();
            }

            @Override
            public String describe() {
                return file.toString();
            }

            @Override
            public Optional<ParseSummary> parseSummary() {
                try {
                    return Optional.of(items.summary());
                } catch (IllegalStateException notYet) {
                    return Optional.empty(); // the replay stopped before the end of the log
                }
            }

            @Override
            public void close() {
                items.close();
            }
        };
    }

    static ReplaySource replayFile(Path file) throws IOException {
        ReplayFileReader reader = new ReplayFileReader(file);
        return new ReplaySource() {
            @Override
            public boolean hasNext() {
                return reader.hasNext();
            }

            @Override
            public ReplayItem next() {
                return reader.next();
            }

            @Override
            public String describe() {
                return file + (reader.verifiable() ? " (replay file)"
                        : " (replay file, version " + reader.version() + ": no trailer, cannot verify that it is whole)");
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }
}
