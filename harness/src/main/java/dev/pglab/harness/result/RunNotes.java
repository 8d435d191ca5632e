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
import java.util.concurrent.Callable;

/**
 * Facts a benchmark learns that the runner must put in the envelope (fixture ids, PostgreSQL version and
 * settings, extra measurements): they are appended as JSON lines to the run's notes file, which the runner reads
 * back. A JMH fork finds the file in {@code -Dpglab.notes} (the runner passes it); a paced suite running inside
 * the runner's JVM writes within {@link #to(Path, Callable)}. Elsewhere notes go nowhere.
 */
public final class RunNotes {
    public static final String PROPERTY = "pglab.notes";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The notes file of a paced suite running in the runner's own JVM. Inheritable, so the threads a suite starts
     * (replay's virtual threads, a stream's reader) note to the same file; set only for the duration of
     * {@link #to(Path, Callable)}, never as a process-wide property.
     */
    private static final InheritableThreadLocal<Path> SCOPED = new InheritableThreadLocal<>();

    private RunNotes() {
    }

    /** Runs {@code work} with its notes (and those of the threads it starts) going to {@code file}. */
    public static <T> T to(Path file, Callable<T> work) throws Exception {
        Path previous = SCOPED.get();
        SCOPED.set(file);
        try {
            return work.call();
        } finally {
            SCOPED.set(previous);
        }
    }

    /** Appends one note of a kind ("fixture", "postgres", "measurement", ...). */
    public static void note(String kind, Map<String, ?> fields) {
        Path file = destination();
        if (file == null) {
            return;
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", kind);
        node.setAll((ObjectNode) JSON.valueToTree(fields));
        append(file, node);
    }

    /** Appends a note built by the caller (it carries its own {@code kind}). */
    public static void note(ObjectNode note) {
        Path file = destination();
        if (file != null) {
            append(file, note);
        }
    }

    private static void append(Path file, ObjectNode note) {
        try {
            // one short write per line; the append is atomic enough for lines well under PIPE_BUF
            Files.writeString(file, JSON.writeValueAsString(note) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write run note to " + file, e);
        }
    }

    private static Path destination() {
        Path scoped = SCOPED.get();
        if (scoped != null) {
            return scoped;
        }
        // a benchmark fork: the runner put the file on its command line
        String file = System.getProperty(PROPERTY);
        return file == null || file.isBlank() ? null : Path.of(file);
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
