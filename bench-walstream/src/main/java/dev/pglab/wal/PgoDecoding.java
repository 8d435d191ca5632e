package dev.pglab.wal;

import dev.pglab.wal.pgo.PgoImage;
import dev.pglab.wal.pgo.PgoReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Decoding whole {@code .pgo} captures: errors are placed at the record's byte offset in the file. */
public final class PgoDecoding {
    private PgoDecoding() {
    }

    /** A decoded record with the WAL start LSN the capture stored beside it. */
    public record Decoded(long lsn, PgOutputMessage message) {
    }

    /** Every record of a capture as an immutable message, in order. */
    public static List<Decoded> readAll(Path file) throws IOException {
        List<Decoded> out = new ArrayList<>();
        RecordDecoder decoder = new RecordDecoder();
        try (PgoReader reader = PgoReader.open(file)) {
            while (reader.next()) {
                try {
                    out.add(new Decoded(reader.lsn(), decoder.decode(reader.payload())));
                } catch (PgOutputException e) {
                    throw e.at(reader.recordOffset());
                }
            }
        }
        return out;
    }

    /** Every record of an in-memory capture as an immutable message, in order. */
    public static List<PgOutputMessage> decodeAll(PgoImage image) {
        List<PgOutputMessage> out = new ArrayList<>(image.size());
        RecordDecoder decoder = new RecordDecoder();
        for (int i = 0; i < image.size(); i++) {
            try {
                out.add(decoder.decode(image.buffer(), image.payloadOffset(i), image.length(i)));
            } catch (PgOutputException e) {
                throw e.at(image.recordOffset(i));
            }
        }
        return out;
    }

    /** Runs the flyweight decoder over every record of an in-memory capture. */
    public static void visitAll(PgoImage image, PgOutputDecoder decoder, PgOutputVisitor visitor) {
        for (int i = 0; i < image.size(); i++) {
            try {
                decoder.decode(image.buffer(), image.payloadOffset(i), image.length(i), visitor);
            } catch (PgOutputException e) {
                throw e.at(image.recordOffset(i));
            }
        }
    }
}
