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
import java.util.OptionalDouble;

/** Reads a replay file back into items, in the order they were written. */
public final class ReplayFileReader implements Iterator<ReplayItem>, AutoCloseable {
    private final String name;
    private final DataInputStream in;
    private final List<String> table = new ArrayList<>();
    private long lastMicros;
    private long offset;
    private ReplayItem next;
    private boolean ended;

    public ReplayFileReader(Path file) throws IOException {
        this(file.toString(), Files.newInputStream(file));
    }

    public ReplayFileReader(String name, InputStream stream) throws IOException {
        this.name = name;
        this.in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        byte[] magic = new byte[ReplayFileFormat.MAGIC.length];
        try {
            in.readFully(magic);
        } catch (EOFException e) {
            throw new LogParseException(name, 0, 0, "not a pglab replay file: shorter than its header");
        }
        if (!Arrays.equals(magic, ReplayFileFormat.MAGIC)) {
            throw new LogParseException(name, 0, 0, "not a pglab replay file: it does not start with PGLABRPL");
        }
        int version = in.readUnsignedByte();
        if (version != ReplayFileFormat.VERSION) {
            throw new LogParseException(name, 0, 8, "replay file version " + version + " is not supported (expected "
                    + ReplayFileFormat.VERSION + ")");
        }
        offset = 9;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            try {
                next = read();
            } catch (EOFException e) {
                throw new LogParseException(name, 0, offset, "the replay file is truncated: it ends inside an item");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ended = next == null;
        }
        return next != null;
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
                String s = string();
                LogTimestamp ts = timestamp();
                yield new ReplayItem.Connect(s, ts, string(), string());
            }
            case ReplayFileFormat.DISCONNECT -> {
                String s = string();
                yield new ReplayItem.Disconnect(s, timestamp());
            }
            case ReplayFileFormat.STATEMENT -> {
                String s = string();
                LogTimestamp ts = timestamp();
                String user = string();
                String db = string();
                String sql = string();
                int flags = in.readUnsignedByte();
                OptionalDouble d = (flags & ReplayFileFormat.HAS_DURATION) != 0 ? OptionalDouble.of(in.readDouble()) : OptionalDouble.empty();
                yield new ReplayItem.Statement(s, ts, user, db, sql, d, (flags & ReplayFileFormat.FAILED) != 0);
            }
            case ReplayFileFormat.EXECUTE -> {
                String s = string();
                LogTimestamp ts = timestamp();
                String user = string();
                String db = string();
                String stmt = string();
                String sql = string();
                int flags = in.readUnsignedByte();
                OptionalDouble d = (flags & ReplayFileFormat.HAS_DURATION) != 0 ? OptionalDouble.of(in.readDouble()) : OptionalDouble.empty();
                int n = (int) varint();
                List<String> params = n == 0 ? List.of() : new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    long len = varint();
                    params.add(len == 0 ? null : utf8((int) len - 1));
                }
                yield new ReplayItem.Execute(s, ts, user, db, stmt, sql,
                        n == 0 ? params : Collections.unmodifiableList(params), d, (flags & ReplayFileFormat.FAILED) != 0);
            }
            default -> throw new LogParseException(name, 0, offset - 1, "unknown record tag " + tag
                    + " where an item (1-4) or the end (0) was expected");
        };
    }

    private LogTimestamp timestamp() throws IOException {
        long z = varint();
        long delta = (z >>> 1) ^ -(z & 1);
        lastMicros += delta;
        int digits = in.readUnsignedByte();
        return new LogTimestamp(lastMicros, string(), digits);
    }

    private String string() throws IOException {
        long ref = varint();
        if (ref == 1) {
            return null;
        }
        if (ref >= 2) {
            return table.get((int) (ref - 2));
        }
        int len = (int) varint();
        String s = utf8(len);
        if (len <= ReplayFileFormat.MAX_TABLED && table.size() < ReplayFileFormat.MAX_TABLE) {
            table.add(s);
        }
        return s;
    }

    private String utf8(int len) throws IOException {
        byte[] b = new byte[len];
        in.readFully(b);
        offset += len;
        return new String(b, StandardCharsets.UTF_8);
    }

    private long varint() throws IOException {
        long v = 0;
        int shift = 0;
        while (true) {
            int b = in.readUnsignedByte();
            offset++;
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
