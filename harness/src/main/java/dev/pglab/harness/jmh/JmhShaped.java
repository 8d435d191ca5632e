package dev.pglab.harness.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;

/**
 * Builds one result entry in JMH's JSON shape for a measurement made outside JMH: {@code rawData} holds the
 * samples as {@code [fork][iteration]}, {@code score} is their median of fork medians (the lab's summary).
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

    public JmhShaped secondary(String name, String unit, double[][] samples) {
        secondary.set(name, metric(unit, samples));
        return this;
    }

    public ObjectNode build() {
        node.set("secondaryMetrics", secondary);
        return node;
    }

    private static ObjectNode metric(String unit, double[][] samples) {
        ObjectNode m = JSON.createObjectNode();
        double[] forkMedians = Arrays.stream(samples).mapToDouble(JmhShaped::median).toArray();
        m.put("score", median(forkMedians));
        double lo = Arrays.stream(forkMedians).min().orElse(Double.NaN);
        double hi = Arrays.stream(forkMedians).max().orElse(Double.NaN);
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

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
