package dev.pglab.ci;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the gate compares: benchmark + sorted params + mode. Its {@link #id()} ({@code bench|k=v,k=v|mode}) is
 * the key in baselines, gate.json and history lines.
 */
public record BenchmarkKey(String benchmark, SortedMap<String, String> params, String mode) implements Comparable<BenchmarkKey> {

    public BenchmarkKey {
        params = new TreeMap<>(params);
    }

    public static BenchmarkKey of(String benchmark, Map<String, String> params, String mode) {
        return new BenchmarkKey(benchmark, new TreeMap<>(params), mode);
    }

    public String id() {
        return benchmark + "|" + paramsText() + "|" + mode;
    }

    public String paramsText() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** {@code Class.method} without the package, with params: what a table shows. */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        String name = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
        return params.isEmpty() ? name + " [" + mode + "]" : name + "(" + paramsText() + ") [" + mode + "]";
    }

    /** Parses an {@link #id()} back. */
    public static BenchmarkKey parse(String id) {
        String[] parts = id.split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a benchmark key (expected bench|k=v,...|mode): " + id);
        }
        SortedMap<String, String> params = new TreeMap<>();
        if (!parts[1].isEmpty()) {
            for (String kv : parts[1].split(",")) {
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("not a benchmark key (expected bench|k=v,...|mode): " + id);
                }
                params.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return new BenchmarkKey(parts[0], params, parts[2]);
    }

    /** Throughput: higher is better. Every other JMH mode measures time: lower is better. */
    public boolean higherIsBetter() {
        return "thrpt".equals(mode);
    }

    @Override
    public int compareTo(BenchmarkKey o) {
        return id().compareTo(o.id());
    }
}
