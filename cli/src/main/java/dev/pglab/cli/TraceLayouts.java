package dev.pglab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.trace.TraceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every trace layout pglab writes, read into one profile: a trace directory of {@code *.trace.jsonl} session files
 * ({@code replay --trace DIR}), a directory holding only the saved {@code trace-profile.json} (what a bench run
 * keeps under target/pglab/traces/NAME and the repository commits), or that file itself.
 */
final class TraceLayouts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceLayouts() {
    }

    static TraceProfile read(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return saved(path);
        }
        if (!Files.isDirectory(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null,
                    "expected a trace directory or a " + TraceProfile.FILE_NAME);
        }
        boolean hasSessions;
        try (var files = Files.list(path)) {
            hasSessions = files.anyMatch(f -> f.getFileName().toString().endsWith(".trace.jsonl"));
        }
        Path saved = path.resolve(TraceProfile.FILE_NAME);
        if (!hasSessions && Files.isRegularFile(saved)) {
            return saved(saved);
        }
        return TraceProfile.of(path);
    }

    /** A saved profile: the same records its JSON form was written from. */
    private static TraceProfile saved(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            var at = e.getLocation();
            throw new IOException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !TraceProfile.SCHEMA.equals(root.path("schema").asText())) {
            throw new IOException(file + ": not a trace profile (expected schema " + TraceProfile.SCHEMA + ")");
        }
        try {
            return new TraceProfile(Path.of(root.path("dir").asText(file.getParent() == null ? "." : file.getParent().toString())),
                    list(root, "statements", TraceProfile.StatementProfile.class),
                    list(root, "sessions", TraceProfile.SessionProfile.class),
                    list(root, "crossCheck", TraceProfile.CrossCheck.class));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"), e);
        }
    }

    private static <T> List<T> list(JsonNode root, String field, Class<T> type) {
        JsonNode n = root.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        return JSON.convertValue(n, JSON.getTypeFactory().constructCollectionType(List.class, type));
    }
}
