package dev.pglab.parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The raw messages of a server log, for readers of entries that are not replay items (the session trace reads
 * auto_explain's plans this way): same framing and unescaping as {@link LogParser}, from any byte offset, with a
 * pid filter applied before any text is decoded. Malformed entries are skipped and reported with file, line
 * (counted from the start offset) and byte offset.
 */
public final class LogMessages {
    private static final int BUFFER = 1 << 16;
    private static final int MAX_ENTRY = 64 << 20;

    /**
     * One entry.
     *
     * @param offset   byte offset of the entry in the file
     * @param severity LOG, ERROR, ... as the entry gives it
     * @param pid      the backend's pid, -1 when the entry has none
     * @param message  the message text, unescaped
     */
    public record Message(long offset, String severity, int pid, String message) {
    }

    /** Receives messages in log order; returns false to stop reading. */
    @FunctionalInterface
    public interface Handler {
        boolean message(Message m);
    }

    /** Where reading stopped (the offset after the last whole entry read) and what was skipped. */
    public record Result(long endOffset, boolean stopped, List<ParseProblem> problems) {
    }

    private LogMessages() {
    }

    /**
     * Reads a jsonlog or csvlog (format given, no prefix needed) from {@code fromOffset}, which must be at an
     * entry's start (e.g. the file's size when a run began), to the end of what is written now. An entry still
     * being written at the end is left for the next read.
     */
    public static Result read(Path file, LogFormat format, long fromOffset, IntPredicate pids, Handler handler) {
        if (format == LogFormat.STDERR) {
            throw new IllegalArgumentException(file + ": reading messages from an offset needs jsonlog or csvlog"
                    + " (stderr entries need the log_line_prefix)");
        }
        EntryFramer framer = EntryFramer.of(format, null);
        TextCodec codec = framer.codec();
        RawEntry entry = new RawEntry();
        Span text = new Span();
        List<ParseProblem> problems = new ArrayList<>();
        String name = file.toString();
        byte[] buf = new byte[BUFFER];
        int pos = 0;
        int limit = 0;
        long base = fromOffset;
        long line = 1;
        boolean eof = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(fromOffset);
            while (true) {
                while (true) {
                    entry.reset(buf);
                    int next = pos >= limit ? EntryFramer.NEED_MORE : framer.frame(buf, pos, limit, false, entry);
                    if (next == EntryFramer.NEED_MORE) {
                        break;
                    }
                    long at = base + pos;
                    if (entry.malformed != null) {
                        problems.add(new ParseProblem(name, line, at, entry.malformed));
                    } else {
                        int pid = entry.has(RawEntry.PID) ? digits(buf, entry.start[RawEntry.PID], entry.end[RawEntry.PID]) : -1;
                        if (pids.test(pid) && entry.has(RawEntry.MESSAGE)) {
                            codec.read(entry, RawEntry.MESSAGE, text);
                            Message m = new Message(at, entry.severity.name(), pid,
                                    new String(text.a, text.s, text.e - text.s, StandardCharsets.UTF_8));
                            if (!handler.message(m)) {
                                return new Result(base + next, true, problems);
                            }
                        }
                    }
                    line += entry.lines;
                    pos = next;
                }
                if (eof) {
                    return new Result(base + pos, false, problems);
                }
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, limit - pos);
                    base += pos;
                    limit -= pos;
                    pos = 0;
                } else if (limit == buf.length) {
                    if (buf.length >= MAX_ENTRY) {
                        throw new UncheckedIOException(new IOException(LogParseException.location(name, line, base)
                                + ": entry longer than " + MAX_ENTRY + " bytes"));
                    }
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = ch.read(ByteBuffer.wrap(buf, limit, buf.length - limit));
                if (n < 0) {
                    eof = true; // a partial last entry stays unread: the server may still be writing it
                } else {
                    limit += n;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int digits(byte[] a, int s, int e) {
        int v = 0;
        for (int i = s; i < e; i++) {
            byte b = a[i];
            if (b < '0' || b > '9') {
                return -1;
            }
            v = v * 10 + (b - '0');
        }
        return e > s ? v : -1;
    }
}
