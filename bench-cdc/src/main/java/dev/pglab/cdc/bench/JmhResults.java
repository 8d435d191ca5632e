package dev.pglab.cdc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * JMH's JSON results of this module, read back for the verdicts: fork-level samples (the median of each fork's
 * measurement iterations) of the primary metric or of an aux counter, for one benchmark and parameter set.
 */
record JmhResults(JsonNode results) {

    /** Fork medians of the primary metric, or an empty array when the benchmark did not run. */
    double[] primary(String benchmark, Map<String, String> params) {
        return forkMedians(find(benchmark, params).path("primaryMetric"));
    }

    double[] secondary(String benchmark, Map<String, String> params, String counter) {
        return forkMedians(find(benchmark, params).path("secondaryMetrics").path(counter));
    }

    private JsonNode find(String benchmark, Map<String, String> params) {
        for (JsonNode r : results) {
            if (!r.path("benchmark").asText().endsWith("." + benchmark)) {
                continue;
            }
            boolean all = params.entrySet().stream().allMatch(e -> e.getValue().equals(r.path("params").path(e.getKey()).asText()));
            if (all) {
                return r;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static double[] forkMedians(JsonNode metric) {
        List<Double> medians = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            double[] values = new double[fork.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = fork.get(i).asDouble();
            }
            if (values.length > 0) {
                Arrays.sort(values);
                int n = values.length;
                medians.add(n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
            }
        }
        return medians.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
