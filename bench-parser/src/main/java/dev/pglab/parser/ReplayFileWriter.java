package dev.pglab.parser;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Writes items to a replay file (see {@link ReplayFileFormat}); use as the parser's item consumer. */
public final class ReplayFileWriter implements Consumer<ReplayItem>, AutoCloseable {
    private final DataOutputStream out;
    private final Map<String, Integer> table = new HashMap<>();
    private long lastMicros;
    private long items;

    public ReplayFileWriter(Path file) throws IOException {
        this(Files.newOutputStream(file));
    }

    public ReplayFileWriter(OutputStream stream) throws IOException {
        out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
        out.write(ReplayFileFormat.MAGIC);
        out.writeByte(ReplayFileFormat.VERSION);
    }

    @Override
    public void accept(ReplayItem item) {
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

    @Override
    public void close() throws IOException {
        out.writeByte(ReplayFileFormat.END);
        out.close();
    }
}
