package dev.pglab.harness.jmh;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a benchmark method as a yardstick for the others of its suite (reading the same bytes, a naive
 * implementation): the report shows every other key's rate as a multiple of it, on the same params. LabRunner
 * copies the declaration into the result entry ({@value References#FIELD}), so the report never guesses a
 * reference from a method's name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Reference {
    /** What the reference stands for, as the report's column header says it ("reading the same bytes"). */
    String value();
}
