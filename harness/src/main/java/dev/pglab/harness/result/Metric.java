package dev.pglab.harness.result;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the kind of a JMH {@code @AuxCounters} field or method where it is produced. LabRunner reads the
 * annotations of every benchmark it ran into the result file's {@code metricKinds}; an aux counter without one
 * is {@link MetricKind#OTHER}: reported, never held by the gate.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Metric {
    MetricKind value();
}
