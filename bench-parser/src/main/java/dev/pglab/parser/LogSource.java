package dev.pglab.parser;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a log file, gunzipping it when it starts with the gzip magic bytes. */
public final class LogSource {
    private LogSource() {
    }

    /**
     * Why a path cannot be read as a file, or null when it can: a directory, a FIFO or device, a missing path and
     * a path without read permission each say what they are.
     */
    public static String unreadable(Path file) {
        if (Files.isDirectory(file)) {
            return "is a directory, not a file";
        }
        if (!Files.exists(file)) {
            return Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? "is a broken symbolic link" : "no such file";
        }
        if (!Files.isRegularFile(file)) {
            return "is not a regular file (a FIFO, socket or device): give a file";
        }
        if (!Files.isReadable(file)) {
            return "is not readable (permission denied)";
        }
        return null;
    }

    /** Opens a file that {@link #unreadable} accepts; otherwise throws {@link LogParseException} saying why. */
    static InputStream open(Path file) throws IOException {
        String why = unreadable(file);
        if (why != null) {
            throw new LogParseException(file.toString(), 0, -1, why);
        }
        try {
            return isGzip(file) ? new GZIPInputStream(Files.newInputStream(file), 1 << 16) : Files.newInputStream(file);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new LogParseException(file.toString(), 0, 0, "starts like gzip but its header is cut or damaged ("
                    + e.getMessage() + ")");
        }
    }

    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 2)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }
}
