package dev.pglab.harness.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Facts a benchmark fork learns that the runner must put in the envelope (fixture ids, PostgreSQL version
 * and settings, extra measurements): forks append JSON lines to the file named by {@code -Dpglab.notes},
 * the runner reads them back. Without the property, notes go nowhere.
 */
public final class RunNotes {
    public static final String PROPERTY = "pglab.notes";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunNotes() {
    }

    /** Appends one note of a kind ("fixture", "postgres", "measurement", ...). */
    public static void note(String kind, Map<String, ?> fields) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", kind);
        node.setAll((ObjectNode) JSON.valueToTree(fields));
        try {
            // one short write per line; the append is atomic enough for lines well under PIPE_BUF
            Files.writeString(Path.of(file), JSON.writeValueAsString(node) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write run note to " + file, e);
        }
    }

    public static void fixture(String id, String description) {
        note("fixture", Map.of("id", id, "description", description));
    }

    /** Reads every note written to a file. */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> notes = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    notes.add(JSON.readTree(line));
                }
            }
        }
        return notes;
    }
}
