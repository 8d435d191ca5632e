package dev.pglab.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One auto_explain entry from the server log: which backend, the query text, the server time, the block counters
 * and the plan nodes.
 */
public record ServerPlan(int pid, long logLine, String queryText, ServerDetail detail, List<PlanNode> nodes) {

    public ServerPlan {
        nodes = List.copyOf(nodes);
    }

    /**
     * Builds an entry from auto_explain's JSON ({@code {"Query Text": ..., "Plan": {...}}}) and the message's
     * {@code duration: X ms}.
     */
    static ServerPlan of(int pid, long logLine, double durationMillis, JsonNode explain) {
        JsonNode top = explain.path("Plan");
        List<PlanNode> nodes = new ArrayList<>();
        flatten(top, 0, 0, nodes);
        ServerDetail detail = new ServerDetail(Math.round(durationMillis * 1000),
                top.path("Shared Hit Blocks").asLong(), top.path("Shared Read Blocks").asLong(),
                top.path("Shared Dirtied Blocks").asLong(), top.path("Shared Written Blocks").asLong(),
                top.path("Local Hit Blocks").asLong(), top.path("Local Read Blocks").asLong(),
                top.path("Temp Read Blocks").asLong(), top.path("Temp Written Blocks").asLong(),
                ioMicros(top, "Read"), ioMicros(top, "Write"));
        return new ServerPlan(pid, logLine, explain.path("Query Text").asText(""), detail, nodes);
    }

    /** Sums "I/O Read Time" (PostgreSQL up to 16) or "Shared/Local/Temp I/O Read Time" (17 on), in µs. */
    private static long ioMicros(JsonNode node, String direction) {
        double ms = 0;
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.endsWith("I/O " + direction + " Time")) {
                ms += node.get(f).asDouble();
            }
        }
        return Math.round(ms * 1000);
    }

    private static void flatten(JsonNode node, int parent, int depth, List<PlanNode> out) {
        if (node.isMissingNode()) {
            return;
        }
        int id = out.size() + 1;
        out.add(new PlanNode(id, parent, depth, node.path("Node Type").asText(), operation(node),
                node.path("Plan Rows").asDouble(), node.path("Actual Rows").asDouble(),
                node.path("Actual Loops").asLong(), node.path("Shared Hit Blocks").asLong(),
                node.path("Shared Read Blocks").asLong(), node.path("Shared Dirtied Blocks").asLong(),
                node.path("Shared Written Blocks").asLong(), node.path("Temp Read Blocks").asLong(),
                node.path("Temp Written Blocks").asLong()));
        for (JsonNode child : node.path("Plans")) {
            flatten(child, id, depth + 1, out);
        }
    }

    /** The node as EXPLAIN's text form names it: type, index, relation and alias. */
    static String operation(JsonNode node) {
        StringBuilder op = new StringBuilder(node.path("Node Type").asText());
        if (node.has("Strategy") && !node.path("Node Type").asText().equals("Aggregate")) {
            op.insert(0, node.get("Strategy").asText() + " ");
        }
        if (node.has("Index Name")) {
            op.append(" using ").append(node.get("Index Name").asText());
        }
        if (node.has("Relation Name")) {
            op.append(" on ").append(node.get("Relation Name").asText());
            String alias = node.path("Alias").asText("");
            if (!alias.isEmpty() && !alias.equals(node.get("Relation Name").asText())) {
                op.append(' ').append(alias);
            }
        }
        return op.toString();
    }
}
