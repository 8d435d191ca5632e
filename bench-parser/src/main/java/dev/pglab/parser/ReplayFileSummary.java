package dev.pglab.parser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * What a {@code .replay} file holds, read to its end: the items by kind, the sessions, the time span and whether
 * its trailer verified it. A file that is cut or corrupt is summarised up to the damage, with the problem.
 *
 * @param integrity "verified" (trailer and checksum match), "cannot verify" (version 1, no trailer) or the problem
 */
public record ReplayFileSummary(String file, int version, long bytes, long items, long connects, long disconnects,
                                long statements, long executes, long sessions, LogTimestamp firstTimestamp,
                                LogTimestamp lastTimestamp, boolean verified, String integrity) {

    public boolean damaged() {
        return !verified && version >= ReplayFileFormat.VERSION;
    }

    /** Reads the whole file. Throws {@link LogParseException} only when it is no replay file at all. */
    public static ReplayFileSummary of(Path file) throws IOException {
        ItemCounts counts = new ItemCounts();
        Set<String> sessions = new HashSet<>();
        long bytes = Files.size(file);
        try (ReplayFileReader reader = new ReplayFileReader(file)) {
            String integrity;
            boolean verified = false;
            try {
                while (reader.hasNext()) {
                    ReplayItem item = reader.next();
                    counts.count(item);
                    sessions.add(item.sessionId());
                }
                verified = reader.verifiable();
                integrity = verified ? "verified (trailer: item count and CRC32C match)"
                        : "no trailer (version " + reader.version() + "): cannot verify that the file is whole";
            } catch (LogParseException e) {
                integrity = e.getMessage();
            }
            return new ReplayFileSummary(file.toString(), reader.version(), bytes, reader.items(), counts.connects,
                    counts.disconnects, counts.statements, counts.executes, sessions.size(), counts.first(), counts.last(),
                    verified, integrity);
        }
    }
}
