package dev.pglab.harness.jmh;

import dev.pglab.harness.result.MetricKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One subject of a paced suite: a result key (benchmark, params, mode) and the metrics each of its iterations
 * reports, each declaring its kind where it is produced. {@link PacedRunner} runs every arm in forked JVMs of its
 * own, one arm per JVM, and turns the samples into one result entry.
 *
 * @param benchmark   the full benchmark name, {@code <suite class>.<name>}
 * @param mode        as JMH names it: thrpt, avgt, sample, ss
 * @param unit        unit of the primary metric
 * @param secondaries the other metrics every {@link Sample} must carry
 */
public record PacedArm(String benchmark, Map<String, String> params, String mode, String unit,
                       List<MetricSpec> secondaries) {

    public PacedArm {
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
        secondaries = List.copyOf(secondaries);
    }

    /** A secondary metric of an arm. */
    public record MetricSpec(String name, String unit, MetricKind kind) {
    }

    /** What one iteration measured: the primary metric and every declared secondary, by name. */
    public record Sample(double primary, Map<String, Double> secondaries) {
        public Sample {
            secondaries = Map.copyOf(secondaries);
        }

        public static Sample of(double primary) {
            return new Sample(primary, Map.of());
        }
    }

    /** {@code <suite class>.<name>}: the benchmark name of an arm declared by {@code suite}. */
    public static String name(Class<?> suite, String name) {
        return suite.getName() + "." + name;
    }

    /** The arm's key as JMH prints one: {@code benchmark(a=1,b=x)}; a fork finds its arm by it. */
    public String id() {
        StringBuilder b = new StringBuilder(benchmark);
        if (!params.isEmpty()) {
            b.append('(');
            params.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '(' ? "" : ",").append(k).append('=').append(v));
            b.append(')');
        }
        return b.toString();
    }
}
