package dev.pglab.harness.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.harness.result.MetricKind;
import dev.pglab.harness.stats.Summary;
import java.util.Map;

/**
 * Builds one result entry in JMH's JSON shape for a measurement made outside JMH: {@code rawData} holds the
 * samples as {@code [fork][iteration]}, {@code score} is their median of fork medians (the lab's summary). Each
 * secondary metric declares its {@link MetricKind} in a {@code kind} field beside JMH's.
 */
public final class JmhShaped {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode node = JSON.createObjectNode();
    private final ObjectNode secondary = JSON.createObjectNode();

    private JmhShaped(String benchmark, String mode) {
        node.put("jmhVersion", "paced");
        node.put("benchmark", benchmark);
        node.put("mode", mode);
        node.put("threads", 1);
    }

    /** {@code mode} as JMH names it: thrpt, avgt, sample, ss. */
    public static JmhShaped of(String benchmark, String mode) {
        return new JmhShaped(benchmark, mode);
    }

    public JmhShaped params(Map<String, String> params) {
        ObjectNode p = node.putObject("params");
        new java.util.TreeMap<>(params).forEach(p::put);
        return this;
    }

    /** The primary metric from raw samples: {@code samples[fork][iteration]}. */
    public JmhShaped primary(String unit, double[][] samples) {
        node.put("forks", samples.length);
        node.set("primaryMetric", metric(unit, samples));
        return this;
    }

    /** A secondary metric and its kind: a counter or bytes per op is held by the gate, a time or other is not. */
    public JmhShaped secondary(String name, String unit, MetricKind kind, double[][] samples) {
        // the kind sits on the metric itself: JMH ignores the field, the result reader prefers it
        secondary.set(name, metric(unit, samples).put("kind", kind.id()));
        return this;
    }

    public ObjectNode build() {
        node.set("secondaryMetrics", secondary);
        return node;
    }

    private static ObjectNode metric(String unit, double[][] samples) {
        ObjectNode m = JSON.createObjectNode();
        double[] forkMedians = Summary.rowMedians(samples);
        m.put("score", Summary.medianOfForkMedians(samples));
        double lo = Summary.min(forkMedians);
        double hi = Summary.max(forkMedians);
        m.put("scoreError", Double.isNaN(lo) ? Double.NaN : (hi - lo) / 2);
        ArrayNode ci = m.putArray("scoreConfidence");
        ci.add(lo);
        ci.add(hi);
        m.put("scoreUnit", unit);
        ArrayNode raw = m.putArray("rawData");
        for (double[] fork : samples) {
            ArrayNode f = raw.addArray();
            for (double v : fork) {
                f.add(v);
            }
        }
        return m;
    }
}
