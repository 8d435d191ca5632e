package dev.pglab.harness.pg;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test (class or parameter) that needs a PostgreSQL server with these profiles. Servers are shared per
 * profile set across the test JVM; the source follows {@code -Dpglab.pg} / {@code PGLAB_PG_URL}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.PARAMETER})
@Inherited
@ExtendWith(PgServerExtension.class)
public @interface WithPg {
    ServerProfile[] value() default {};
}
