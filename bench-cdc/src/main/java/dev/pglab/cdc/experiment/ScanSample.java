package dev.pglab.cdc.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.cdc.CdcException;

/**
 * What {@code EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON)} of a delta scan reports: the scan runs to
 * the end inside the server (every output row is computed, none is sent), so this is the server's cost of
 * producing the delta. Buffers are the top node's (they include its children).
 */
public record ScanSample(double executionMs, double planningMs, long sharedHitBlocks, long sharedReadBlocks,
                         long tempBlocks, long rows) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The statement that measures a scan. */
    public static String explain(String scanSql) {
        return "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON) " + scanSql;
    }

    public static ScanSample parse(String explainJson) {
        try {
            JsonNode top = JSON.readTree(explainJson).path(0);
            JsonNode plan = top.path("Plan");
            if (plan.isMissingNode()) {
                throw new CdcException("EXPLAIN output has no Plan: " + explainJson.substring(0, Math.min(200, explainJson.length())));
            }
            return new ScanSample(top.path("Execution Time").asDouble(), top.path("Planning Time").asDouble(),
                    plan.path("Shared Hit Blocks").asLong(), plan.path("Shared Read Blocks").asLong(),
                    plan.path("Temp Read Blocks").asLong() + plan.path("Temp Written Blocks").asLong(),
                    plan.path("Actual Rows").asLong());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CdcException("EXPLAIN output is not JSON at offset " + e.getLocation().getCharOffset() + ": " + e.getOriginalMessage(), e);
        }
    }
}
