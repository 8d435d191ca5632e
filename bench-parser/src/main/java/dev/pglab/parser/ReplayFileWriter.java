package dev.pglab.parser;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Writes items to a replay file (see {@link ReplayFileFormat}); use as the parser's item consumer, then call
 * {@link #finish()} once every item is written. Only {@code finish} writes the trailer and (for a path) renames
 * the temporary file to its name: closing without it (the parse failed) leaves no file that could pass as whole.
 */
public final class ReplayFileWriter implements Consumer<ReplayItem>, AutoCloseable {
    private final DataOutputStream out;
    private final CRC32C crc = new CRC32C();
    private final Map<String, Integer> table = new HashMap<>();
    private final Path target;
    private final Path temporary;
    private long lastMicros;
    private long items;
    private boolean finished;
    private boolean closed;

    public ReplayFileWriter(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        this.target = file;
        this.temporary = parent.resolve("." + file.getFileName() + ".partial");
        this.out = open(Files.newOutputStream(temporary));
    }

    public ReplayFileWriter(OutputStream stream) throws IOException {
        this.target = null;
        this.temporary = null;
        this.out = open(stream);
    }

    private DataOutputStream open(OutputStream stream) throws IOException {
        DataOutputStream o = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(stream, 1 << 16), crc));
        o.write(ReplayFileFormat.MAGIC);
        o.writeByte(ReplayFileFormat.VERSION);
        return o;
    }

    @Override
    public void accept(ReplayItem item) {
        if (finished) {
            throw new IllegalStateException("the replay file is finished");
        }
        try {
            write(item);
            items++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the replay file: " + e.getMessage(), e);
        }
    }

    public long items() {
        return items;
    }

    private void write(ReplayItem item) throws IOException {
        switch (item) {
            case ReplayItem.Connect c -> {
                out.writeByte(ReplayFileFormat.CONNECT);
                common(c);
                string(c.user());
                string(c.database());
            }
            case ReplayItem.Disconnect d -> {
                out.writeByte(ReplayFileFormat.DISCONNECT);
                common(d);
            }
            case ReplayItem.Statement s -> {
                out.writeByte(ReplayFileFormat.STATEMENT);
                common(s);
                string(s.user());
                string(s.database());
                string(s.sql());
                outcome(s.durationMillis(), s.failed());
            }
            case ReplayItem.Execute x -> {
                out.writeByte(ReplayFileFormat.EXECUTE);
                common(x);
                string(x.user());
                string(x.database());
                string(x.statementName());
                string(x.sql());
                outcome(x.durationMillis(), x.failed());
                List<String> params = x.parameters();
                varint(params.size());
                for (String p : params) {
                    if (p == null) {
                        varint(0);
                    } else {
                        byte[] b = p.getBytes(StandardCharsets.UTF_8);
                        varint(b.length + 1L);
                        out.write(b);
                    }
                }
            }
        }
    }

    private void common(ReplayItem item) throws IOException {
        string(item.sessionId());
        LogTimestamp ts = item.timestamp();
        long delta = ts.epochMicros() - lastMicros;
        lastMicros = ts.epochMicros();
        varint((delta << 1) ^ (delta >> 63));
        out.writeByte(ts.fractionDigits());
        string(ts.zone());
    }

    private void outcome(java.util.OptionalDouble duration, boolean failed) throws IOException {
        out.writeByte((duration.isPresent() ? ReplayFileFormat.HAS_DURATION : 0) | (failed ? ReplayFileFormat.FAILED : 0));
        if (duration.isPresent()) {
            out.writeDouble(duration.getAsDouble());
        }
    }

    /** null is written as the empty string's absence: reference 1 is reserved for null. */
    private void string(String s) throws IOException {
        if (s == null) {
            varint(1);
            return;
        }
        Integer ref = table.get(s);
        if (ref != null) {
            varint(ref + 2L);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(0);
        varint(b.length);
        out.write(b);
        if (b.length <= ReplayFileFormat.MAX_TABLED && table.size() < ReplayFileFormat.MAX_TABLE) {
            table.put(s, table.size());
        }
    }

    private void varint(long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    /**
     * Writes the end mark and the trailer (item count, checksum), closes, and gives the file its name. Call it
     * only when every item is written: a file without its trailer reads as truncated.
     */
    public void finish() throws IOException {
        if (finished || closed) {
            throw new IllegalStateException("the replay file is already finished or closed");
        }
        out.writeByte(ReplayFileFormat.END);
        long checksum = crc.getValue(); // the trailer itself is not covered
        out.writeLong(items);
        out.writeInt((int) checksum);
        out.write(ReplayFileFormat.END_MAGIC);
        out.close();
        finished = true;
        closed = true;
        if (temporary != null) {
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Closes; without {@link #finish()} before, the temporary file is removed (nothing half-written remains). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
