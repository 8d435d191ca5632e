package dev.pglab.parser;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

/**
 * Reads a replay file back into items, in the order they were written. A file that is cut, damaged or whose
 * trailer (item count, checksum) does not match throws {@link LogParseException} with the byte offset and what
 * was expected; the last item read before the end is only trusted once {@link #hasNext()} returned false.
 * Nothing is allocated beyond what the file holds: a corrupt length reads to the end of the file and stops there.
 */
public final class ReplayFileReader implements Iterator<ReplayItem>, AutoCloseable {
    private final String name;
    private final DataInputStream in;
    private final CRC32C crc = new CRC32C();
    private final List<String> table = new ArrayList<>();
    private final int version;
    private long lastMicros;
    private long offset;
    private long items;
    private ReplayItem next;
    private boolean ended;

    public ReplayFileReader(Path file) throws IOException {
        this(file.toString(), open(file));
    }

    private static InputStream open(Path file) throws IOException {
        String why = LogSource.unreadable(file);
        if (why != null) {
            throw new LogParseException(file.toString(), 0, -1, why);
        }
        return Files.newInputStream(file);
    }

    public ReplayFileReader(String name, InputStream stream) throws IOException {
        this.name = name;
        this.in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(stream, 1 << 16), crc));
        byte[] magic = new byte[ReplayFileFormat.MAGIC.length];
        try {
            in.readFully(magic);
        } catch (EOFException e) {
            throw new LogParseException(name, 0, 0, "not a pglab replay file: shorter than its header");
        }
        if (!Arrays.equals(magic, ReplayFileFormat.MAGIC)) {
            throw new LogParseException(name, 0, 0, "not a pglab replay file: it does not start with PGLABRPL");
        }
        int v;
        try {
            v = in.readUnsignedByte();
        } catch (EOFException e) {
            throw new LogParseException(name, 0, 8, "the replay file is truncated: it ends before its version byte");
        }
        if (v != ReplayFileFormat.VERSION && v != ReplayFileFormat.VERSION_WITHOUT_TRAILER) {
            throw new LogParseException(name, 0, 8, "replay file version " + v + " is not supported (expected "
                    + ReplayFileFormat.VERSION_WITHOUT_TRAILER + " or " + ReplayFileFormat.VERSION + ")");
        }
        version = v;
        offset = 9;
    }

    /** True when a file starts with the replay magic (whatever its name). */
    public static boolean isReplayFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream s = Files.newInputStream(file)) {
            return Arrays.equals(s.readNBytes(ReplayFileFormat.MAGIC.length), ReplayFileFormat.MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    public int version() {
        return version;
    }

    /** Whether the file's end can be checked: false for version 1 files, which have no trailer. */
    public boolean verifiable() {
        return version >= ReplayFileFormat.VERSION;
    }

    /** Items read so far. */
    public long items() {
        return items;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            long at = offset;
            try {
                next = read();
            } catch (EOFException e) {
                throw new LogParseException(name, 0, offset, at == offset
                        ? "the replay file is truncated: it ends after " + items + " items without its end mark"
                        + (verifiable() ? " and trailer" : "")
                        : "the replay file is truncated: it ends inside item " + (items + 1) + " (which started at byte "
                        + at + ")");
            } catch (IOException e) {
                throw new UncheckedIOException(LogParseException.location(name, 0, offset) + ": cannot read", e);
            }
            if (next == null) {
                ended = true;
                trailer();
            } else {
                items++;
            }
        }
        return next != null;
    }

    /**
     * After the end mark: the trailer must be there, match what was read, and be the last bytes of the file. A
     * version 1 file has no trailer, but its end mark is still its last byte: a corrupt version 2 file whose version
     * byte is lost reads as version 1 and would otherwise end silently at its first 0 byte.
     */
    private void trailer() {
        if (!verifiable()) {
            nothingFollows(offset);
            return;
        }
        long expected = crc.getValue();
        long count;
        int checksum;
        byte[] endMagic = new byte[ReplayFileFormat.END_MAGIC.length];
        try {
            count = in.readLong();
            checksum = in.readInt();
            in.readFully(endMagic);
        } catch (EOFException e) {
            throw new LogParseException(name, 0, offset, "the replay file is truncated: its trailer (item count, "
                    + "checksum, PGLABEND) is missing or cut");
        } catch (IOException e) {
            throw new UncheckedIOException(LogParseException.location(name, 0, offset) + ": cannot read", e);
        }
        if (!Arrays.equals(endMagic, ReplayFileFormat.END_MAGIC)) {
            throw new LogParseException(name, 0, offset + 12, "the replay file is corrupt: PGLABEND expected at the end of its trailer");
        }
        if (count != items) {
            throw new LogParseException(name, 0, offset, "the replay file is corrupt: its trailer counts " + count
                    + " items but " + items + " were read");
        }
        if ((int) expected != checksum) {
            throw new LogParseException(name, 0, offset + 8, String.format("the replay file is corrupt: checksum "
                    + "CRC32C %08x expected by its trailer, the content gives %08x", checksum, (int) expected));
        }
        nothingFollows(offset + ReplayFileFormat.TRAILER_BYTES);
    }

    private void nothingFollows(long end) {
        try {
            if (in.read() >= 0) {
                throw new LogParseException(name, 0, end, "the replay file is corrupt: bytes follow its "
                        + (verifiable() ? "trailer" : "end mark"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(LogParseException.location(name, 0, offset) + ": cannot read", e);
        }
    }

    @Override
    public ReplayItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ReplayItem item = next;
        next = null;
        return item;
    }

    private ReplayItem read() throws IOException {
        int tag = in.readUnsignedByte();
        offset++;
        return switch (tag) {
            case ReplayFileFormat.END -> null;
            case ReplayFileFormat.CONNECT -> {
                String s = session();
                LogTimestamp ts = timestamp();
                yield new ReplayItem.Connect(s, ts, string(), string());
            }
            case ReplayFileFormat.DISCONNECT -> {
                String s = session();
                yield new ReplayItem.Disconnect(s, timestamp());
            }
            case ReplayFileFormat.STATEMENT -> {
                String s = session();
                LogTimestamp ts = timestamp();
                String user = string();
                String db = string();
                String sql = text();
                OptionalDouble d = duration();
                yield new ReplayItem.Statement(s, ts, user, db, sql, d, (lastFlags & ReplayFileFormat.FAILED) != 0);
            }
            case ReplayFileFormat.EXECUTE -> {
                String s = session();
                LogTimestamp ts = timestamp();
                String user = string();
                String db = string();
                String stmt = text();
                String sql = text();
                OptionalDouble d = duration();
                boolean failed = (lastFlags & ReplayFileFormat.FAILED) != 0;
                long n = varint();
                if (n < 0 || n > Integer.MAX_VALUE) { // a 10-byte varint can set the sign bit
                    throw corrupt("a parameter count", n);
                }
                List<String> params = n == 0 ? List.of() : new ArrayList<>((int) Math.min(n, 16));
                for (long i = 0; i < n; i++) {
                    long len = varint();
                    params.add(len == 0 ? null : utf8(len - 1));
                }
                yield new ReplayItem.Execute(s, ts, user, db, stmt, sql,
                        n == 0 ? params : Collections.unmodifiableList(params), d, failed);
            }
            default -> throw new LogParseException(name, 0, offset - 1, "the replay file is corrupt: record tag " + tag
                    + " where an item (1-4) or the end (0) was expected");
        };
    }

    private int lastFlags;

    private OptionalDouble duration() throws IOException {
        int flags = in.readUnsignedByte();
        offset++;
        if ((flags & ~(ReplayFileFormat.HAS_DURATION | ReplayFileFormat.FAILED)) != 0) {
            throw new LogParseException(name, 0, offset - 1, "the replay file is corrupt: flags " + flags
                    + " where 0-3 (duration present, failed) was expected");
        }
        lastFlags = flags;
        if ((flags & ReplayFileFormat.HAS_DURATION) == 0) {
            return OptionalDouble.empty();
        }
        double d = in.readDouble();
        offset += 8;
        return OptionalDouble.of(d);
    }

    private LogParseException corrupt(String what, long value) {
        return new LogParseException(name, 0, offset, "the replay file is corrupt: " + what + " of " + value
                + " cannot be right");
    }

    /** Session ids, SQL and statement names are never null in an item a replay runs. */
    private String session() throws IOException {
        return nonNull(string(), "a session id");
    }

    private String text() throws IOException {
        return nonNull(string(), "a text (SQL or statement name)");
    }

    private String nonNull(String s, String what) {
        if (s == null) {
            throw new LogParseException(name, 0, offset, "the replay file is corrupt: null where " + what + " was expected");
        }
        return s;
    }

    private LogTimestamp timestamp() throws IOException {
        long z = varint();
        long delta = (z >>> 1) ^ -(z & 1);
        lastMicros += delta;
        int digits = in.readUnsignedByte();
        offset++;
        if (digits > 9) {
            throw new LogParseException(name, 0, offset - 1, "the replay file is corrupt: " + digits
                    + " fraction digits where 0-9 was expected");
        }
        return new LogTimestamp(lastMicros, Objects.requireNonNullElse(string(), ""), digits);
    }

    private String string() throws IOException {
        long ref = varint();
        if (ref == 1) {
            return null;
        }
        if (ref < 0) {
            throw corrupt("a string reference", ref);
        }
        if (ref >= 2) {
            if (ref - 2 >= table.size()) {
                throw new LogParseException(name, 0, offset, "the replay file is corrupt: string reference " + ref
                        + " where at most " + (table.size() + 1) + " was expected");
            }
            return table.get((int) (ref - 2));
        }
        long len = varint();
        String s = utf8(len);
        if (len <= ReplayFileFormat.MAX_TABLED && table.size() < ReplayFileFormat.MAX_TABLE) {
            table.add(s);
        }
        return s;
    }

    /** Reads as many bytes as the file really holds, never a declared length first. */
    private String utf8(long len) throws IOException {
        if (len < 0 || len > Integer.MAX_VALUE - 16) {
            throw corrupt("a string length", len);
        }
        byte[] b = in.readNBytes((int) len);
        if (b.length < len) {
            throw new EOFException();
        }
        offset += len;
        return new String(b, StandardCharsets.UTF_8);
    }

    private long varint() throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            offset++;
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new LogParseException(name, 0, offset, "the replay file is corrupt: a number longer than 10 bytes");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
