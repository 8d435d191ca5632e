package dev.pglab.cdc.bench;

import dev.pglab.harness.result.KeyResult;
import java.util.List;
import java.util.Map;

/**
 * This module's JMH results, read back (through harness's result reader) for the verdicts: fork-level samples
 * (the median of each fork's measurement iterations) of the primary metric or of an aux counter, for one
 * benchmark and parameter set.
 */
record JmhResults(List<KeyResult> keys) {

    /** Fork medians of the primary metric, or an empty array when the benchmark did not run. */
    double[] primary(String benchmark, Map<String, String> params) {
        return keys.stream().filter(k -> matches(k, benchmark, params)).findFirst()
                .map(KeyResult::forkMedians).orElse(new double[0]);
    }

    double[] secondary(String benchmark, Map<String, String> params, String counter) {
        return keys.stream().filter(k -> matches(k, benchmark, params)).findFirst()
                .map(k -> k.forkMedians(counter)).orElse(new double[0]);
    }

    private static boolean matches(KeyResult k, String benchmark, Map<String, String> params) {
        return k.key().benchmark().endsWith("." + benchmark)
                && params.entrySet().stream().allMatch(e -> e.getValue().equals(k.key().params().get(e.getKey())));
    }
}
