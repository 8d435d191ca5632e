package dev.pglab.parser;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a log file, gunzipping it when it starts with the gzip magic bytes. */
final class LogSource {
    private LogSource() {
    }

    static InputStream open(Path file) throws IOException {
        return isGzip(file) ? new GZIPInputStream(Files.newInputStream(file), 1 << 16) : Files.newInputStream(file);
    }

    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 2)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }
}
