package dev.pglab.replay.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads auto_explain entries of chosen backends from a server jsonlog, from a byte offset up to a marker line the
 * tracer logged after the traced sessions finished. Lines that are not auto_explain plans are skipped; lines that
 * are not JSON are counted and reported with their byte offset, never fatal.
 */
final class AutoExplainLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DURATION = "duration: ";
    private static final String PLAN = " ms  plan:\n";

    /** What was read: plans per pid in log order, whether the marker was seen, and the lines skipped as unreadable. */
    record Read(Map<Integer, List<ServerPlan>> plans, boolean markerSeen, long endOffset, List<String> problems) {
    }

    private AutoExplainLog() {
    }

    static Read read(Path jsonLog, long fromOffset, Set<Integer> pids, String marker) throws IOException {
        Map<Integer, List<ServerPlan>> plans = new HashMap<>();
        List<String> problems = new ArrayList<>();
        boolean seen = false;
        long offset = fromOffset;
        try (FileChannel ch = FileChannel.open(jsonLog, StandardOpenOption.READ)) {
            ch.position(fromOffset);
            InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(4096);
            int b;
            long lineNo = 0;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                lineNo++;
                long lineStart = offset;
                offset += line.size() + 1;
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.contains(marker)) {
                    seen = true;
                    break;
                }
                JsonNode entry;
                try {
                    entry = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    problems.add(jsonLog + " at byte " + lineStart + ": expected one JSON object per line: "
                            + e.getOriginalMessage());
                    continue;
                }
                int pid = entry.path("pid").asInt(-1);
                if (!pids.contains(pid)) {
                    continue;
                }
                String message = entry.path("message").asText("");
                if (!message.startsWith(DURATION)) {
                    continue;
                }
                int planAt = message.indexOf(PLAN);
                if (planAt < 0) {
                    continue; // a log_min_duration_statement line, not a plan
                }
                try {
                    double ms = Double.parseDouble(message.substring(DURATION.length(), planAt));
                    JsonNode explain = JSON.readTree(message.substring(planAt + PLAN.length()));
                    plans.computeIfAbsent(pid, k -> new ArrayList<>())
                            .add(ServerPlan.of(pid, entry.path("line_num").asLong(lineNo), ms, explain));
                } catch (JsonProcessingException | NumberFormatException e) {
                    problems.add(jsonLog + " at byte " + lineStart + ": expected auto_explain JSON output "
                            + "(auto_explain.log_format=json): " + e.getMessage());
                }
            }
        }
        return new Read(plans, seen, offset, problems);
    }
}
