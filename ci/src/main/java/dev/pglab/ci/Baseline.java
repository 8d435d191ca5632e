package dev.pglab.ci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A committed baseline: {@code ci/baselines/<fingerprintId>/<module>.json}. Written only by an explicit update
 * ({@code -Dpglab.baseline=update}); {@code expected} (declared regressions), {@code sentinels} (keys for the
 * A/B timing gate) and each entry's {@code noise} are edited by people and survive updates.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Baseline(String schema, String module, String fingerprintId, JsonNode fingerprint,
                       List<String> benchmarkJvmArgs, Source source, List<String> sentinels,
                       Map<String, Expected> expected, Map<String, Entry> benchmarks) {
    public static final String SCHEMA = "pglab-baseline/1";

    /** Where the numbers came from. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(String commit, String budget, String measuredAt, String writtenAt) {
    }

    /**
     * A declared, accepted regression of one key: {@code metric} is {@code time}, {@code alloc}, a counter name or
     * {@code *}; {@code bound} the largest accepted ratio to the baseline (e.g. 1.15 for 15 % slower) and
     * {@code slack} an accepted absolute increase in the metric's unit (bytes/op near zero cannot grow by a ratio).
     * The gate still fails when the key goes past its bound.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Expected(String metric, double bound, double slack, String reason) {
        public Expected {
            bound = bound > 0 ? bound : 1.0; // omitted bound: only the slack is accepted
        }

        public boolean covers(String m) {
            return metric == null || "*".equals(metric) || metric.equals(m);
        }
    }

    /**
     * One key's reference: {@code raw[fork][iteration]} of the primary metric, bytes/op per fork, counters per op
     * per fork, the A/A noise (median absolute deviation of per-round log ratios), the worst load seen and the
     * commit it was measured at (a baseline can be measured in parts, one {@code -Dpglab.include} at a time).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String unit, double[][] raw, double[] allocForks, Map<String, double[]> counters, Noise noise,
                        double maxLoadPerCore, String commit) {
        public Entry withNoise(Noise n) {
            return new Entry(unit, raw, allocForks, counters, n, maxLoadPerCore, commit);
        }
    }

    /** Calibrated timing noise of a key: T = max(10 %, 3 x aaLogMad). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Noise(double aaLogMad, String calibratedAt) {
    }

    public Expected expectedFor(String keyId, String metric) {
        if (expected == null) {
            return null;
        }
        Expected e = expected.get(keyId);
        return e != null && e.covers(metric) ? e : null;
    }
}
