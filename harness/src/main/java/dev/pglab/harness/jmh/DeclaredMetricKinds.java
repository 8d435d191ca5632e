package dev.pglab.harness.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pglab.harness.result.Metric;
import dev.pglab.harness.result.MetricKind;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.AuxCounters;

/**
 * The kinds the benchmarks of a run declare for their aux counters: for every benchmark method in JMH's results,
 * the {@link Metric} annotations of the fields and methods of its {@code @AuxCounters} state parameters. The
 * runner writes them into the envelope's {@code metricKinds}.
 */
final class DeclaredMetricKinds {
    private DeclaredMetricKinds() {
    }

    static Map<String, MetricKind> of(JsonNode jmh, ClassLoader loader) {
        Map<String, MetricKind> kinds = new TreeMap<>();
        Map<String, String> declaredBy = new TreeMap<>();
        for (JsonNode entry : jmh) {
            String benchmark = entry.path("benchmark").asText();
            int dot = benchmark.lastIndexOf('.');
            Class<?> bench;
            try {
                bench = dot < 0 ? null : Class.forName(benchmark.substring(0, dot), false, loader);
            } catch (ClassNotFoundException e) {
                continue; // a paced suite's entry: its kinds sit on its metrics
            }
            if (bench == null) {
                continue;
            }
            for (Method m : bench.getMethods()) {
                if (!m.getName().equals(benchmark.substring(dot + 1))) {
                    continue;
                }
                for (Class<?> state : m.getParameterTypes()) {
                    if (state.isAnnotationPresent(AuxCounters.class)) {
                        collect(state.getFields(), kinds, declaredBy);
                        collect(state.getMethods(), kinds, declaredBy);
                    }
                }
            }
        }
        return kinds;
    }

    private static <T extends AnnotatedElement & Member> void collect(T[] members, Map<String, MetricKind> kinds,
                                                                      Map<String, String> declaredBy) {
        for (T member : members) {
            Metric metric = member.getAnnotation(Metric.class);
            if (metric == null) {
                continue;
            }
            String where = member.getDeclaringClass().getName() + "." + member.getName();
            MetricKind before = kinds.putIfAbsent(member.getName(), metric.value());
            if (before != null && before != metric.value()) {
                throw new IllegalStateException("metric " + member.getName() + " is declared " + before.id() + " in "
                        + declaredBy.get(member.getName()) + " and " + metric.value().id() + " in " + where
                        + ": one name, one kind");
            }
            declaredBy.putIfAbsent(member.getName(), where);
        }
    }
}
