package dev.pglab.trace;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens connections for the tracer's own use (control and sampler), e.g. {@code server::connect}. */
@FunctionalInterface
public interface ConnectionSource {
    Connection open() throws SQLException;
}
