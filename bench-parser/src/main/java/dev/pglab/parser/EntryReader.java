package dev.pglab.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Streams entries out of an input with one growing buffer: frames every whole entry in the buffer, then moves the
 * unfinished rest to the front and reads more. Memory is the buffer, however large the input.
 */
final class EntryReader {
    private final String name;
    private final InputStream in;
    private final EntryFramer framer;
    private final EntryInterpreter interpreter;
    private final ParseCounters counters;
    private final int maxEntryBytes;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    /** Input offset of buf[0], and the line number at buf[pos]. */
    private long base;
    private long line;
    private final RawEntry entry = new RawEntry();
    /** Where the last entry started, whether it was malformed and its last byte: to judge the end of the input. */
    private long lastLine;
    private long lastOffset;
    private boolean lastMalformed;
    private byte lastByte = '\n';
    /** Most bytes one read asks for: the configured buffer size, even when the first buffer was larger. */
    private final int readChunk;

    EntryReader(String name, InputStream in, byte[] initial, int initialLength, EntryFramer framer,
                EntryInterpreter interpreter, ParseCounters counters, int bufferBytes, int maxEntryBytes,
                long startOffset, long startLine) {
        this.name = name;
        this.in = in;
        this.framer = framer;
        this.interpreter = interpreter;
        this.counters = counters;
        this.maxEntryBytes = maxEntryBytes;
        this.buf = initial.length >= bufferBytes ? initial : Arrays.copyOf(initial, bufferBytes);
        this.readChunk = bufferBytes;
        this.limit = initialLength;
        this.base = startOffset;
        this.line = startLine;
    }

    /** Bytes consumed so far (input offset of the next entry). */
    long consumed() {
        return base + pos;
    }

    long lines() {
        return line - 1;
    }

    /**
     * Frames and interprets every whole entry in the buffer, then reads more input.
     *
     * @return false once the input is exhausted
     */
    boolean step(EventSink sink) {
        while (true) {
            entry.reset(buf);
            int next = framer.frame(buf, pos, limit, eof, entry);
            if (next == EntryFramer.NEED_MORE) {
                break;
            }
            if (next <= pos) {
                if (pos >= limit) {
                    break;
                }
                throw new IllegalStateException("framer made no progress at " + (base + pos));
            }
            entry.line = line;
            entry.offset = base + pos;
            interpreter.interpret(entry, sink);
            lastLine = line;
            lastOffset = entry.offset;
            lastMalformed = entry.malformed != null;
            lastByte = buf[next - 1];
            line += entry.lines;
            pos = next;
        }
        if (eof) {
            counters.lines = line - 1;
            if (lastLine > 0 && lastByte != '\n' && !lastMalformed) {
                // the writer may still be at it, or the file was cut: the entry reads whole but may not be
                counters.malformed++;
                sink.problem(new ParseProblem(name, lastLine, lastOffset,
                        "the last line has no newline: its entry may be incomplete (file cut or still being written)"));
            }
            return false;
        }
        refill(sink);
        return true;
    }

    private void refill(EventSink sink) {
        if (pos == 0 && limit == buf.length) {
            if (buf.length >= maxEntryBytes) {
                skipOverlongEntry(sink);
            } else {
                buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxEntryBytes));
            }
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        try {
            int n = in.read(buf, limit, Math.min(buf.length - limit, readChunk));
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            // a cut or damaged gzip: what came before is read; the rest cannot be
            eof = true;
            counters.malformed++;
            sink.problem(new ParseProblem(name, line, base + limit, "the compressed input ends or breaks here ("
                    + e.getMessage() + "): the file is cut or damaged; entries before this point were read"));
        } catch (IOException e) {
            throw new UncheckedIOException(LogParseException.location(name, line, base + pos) + ": cannot read", e);
        }
    }

    /** An entry longer than the buffer may grow: reported, and its first line dropped. */
    private void skipOverlongEntry(EventSink sink) {
        counters.malformed++;
        sink.problem(new ParseProblem(name, line, base + pos, "entry longer than " + maxEntryBytes
                + " bytes: its first line is skipped"));
        int nl = Bytes.indexOf(buf, pos, limit, (byte) '\n');
        int drop = nl < 0 ? limit : nl + 1;
        line += nl < 0 ? 0 : 1;
        System.arraycopy(buf, drop, buf, 0, limit - drop);
        base += drop;
        limit -= drop;
        pos = 0;
    }
}
