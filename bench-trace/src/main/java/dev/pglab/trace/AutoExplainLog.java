package dev.pglab.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.parser.LogFormat;
import dev.pglab.parser.LogMessages;
import dev.pglab.parser.ParseProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the auto_explain entries of chosen backends from a server jsonlog (through bench-parser's
 * {@link LogMessages}), from a byte offset up to a marker message the tracer logged after the traced sessions
 * finished. Other messages are skipped; entries the log parser cannot frame, or plans that are not auto_explain
 * JSON, are reported with file and byte offset, never fatal.
 */
final class AutoExplainLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DURATION = "duration: ";
    private static final String PLAN = " ms  plan:\n";

    /** What was read: plans per pid in log order, whether the marker was seen, and what could not be read. */
    record Read(Map<Integer, List<ServerPlan>> plans, boolean markerSeen, long endOffset, List<String> problems) {
    }

    private AutoExplainLog() {
    }

    /**
     * @param pids      the traced backends
     * @param markerPid the backend that logged the marker
     */
    static Read read(Path jsonLog, long fromOffset, Set<Integer> pids, int markerPid, String marker) {
        Map<Integer, List<ServerPlan>> plans = new HashMap<>();
        List<String> problems = new ArrayList<>();
        long[] count = new long[1];
        LogMessages.Result r = LogMessages.read(jsonLog, LogFormat.JSON, fromOffset,
                pid -> pid == markerPid || pids.contains(pid), m -> {
                    String message = m.message();
                    if (m.pid() == markerPid && message.contains(marker)) {
                        return false;
                    }
                    int planAt = message.indexOf(PLAN);
                    if (!pids.contains(m.pid()) || !message.startsWith(DURATION) || planAt < 0) {
                        return true; // not a plan (e.g. a log_min_duration_statement line)
                    }
                    try {
                        double ms = Double.parseDouble(message.substring(DURATION.length(), planAt));
                        JsonNode explain = JSON.readTree(message.substring(planAt + PLAN.length()));
                        plans.computeIfAbsent(m.pid(), k -> new ArrayList<>())
                                .add(ServerPlan.of(m.pid(), ++count[0], ms, explain));
                    } catch (JsonProcessingException | NumberFormatException e) {
                        problems.add(jsonLog + " at byte " + m.offset() + ": expected auto_explain JSON output"
                                + " (auto_explain.log_format=json): " + e.getMessage());
                    }
                    return true;
                });
        for (ParseProblem p : r.problems()) {
            problems.add(p.toString());
        }
        return new Read(plans, r.stopped(), r.endOffset(), problems);
    }
}
