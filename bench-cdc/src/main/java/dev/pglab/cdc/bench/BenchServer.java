package dev.pglab.cdc.bench;

import dev.pglab.cdc.Jdbc;
import dev.pglab.cdc.experiment.BackendProcess;
import dev.pglab.cdc.experiment.ExperimentTable;
import dev.pglab.cdc.experiment.SourceFixture;
import dev.pglab.cdc.trigger.CdcTrigger;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.result.RunNotes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark trial owns: a server (embedded by default, {@code -Dpglab.pg*} / {@code PGLAB_PG_URL}
 * otherwise), one session with the settings of the sanity check (JIT and parallel query off, so plans and
 * timings do not flip with cost thresholds), a fixture table with its buffers and triggers, and the
 * session's backend.
 */
final class BenchServer implements AutoCloseable {
    static final String SCHEMA = "pglab_cdc_bench";
    final PgServer server;
    final Connection connection;
    final ExperimentTable table;
    final BackendProcess backend;

    BenchServer(SourceFixture fixture, List<CdcTrigger> triggers) throws SQLException {
        this.server = PgServer.start(PgServerConfig.fromEnvironment());
        this.connection = server.connect();
        connection.setAutoCommit(true);
        Jdbc.run(connection, "SET jit = off", "SET max_parallel_workers_per_gather = 0",
                "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
        this.table = ExperimentTable.create(connection, SCHEMA, fixture, triggers);
        this.backend = BackendProcess.of(connection);
        RunNotes.fixture(fixture.id(), fixture.description());
        RunNotes.note("measurement", Map.of("name", "cdc-session", "work_mem", Jdbc.queryString(connection, "SHOW work_mem"),
                "jit", "off", "max_parallel_workers_per_gather", "0",
                "fsync", Jdbc.queryString(connection, "SHOW fsync"),
                "synchronous_commit", Jdbc.queryString(connection, "SHOW synchronous_commit")));
    }

    static List<CdcTrigger> triggers(String id) {
        return "none".equals(id) ? List.of() : List.of(CdcTrigger.byId(id));
    }

    long walLsnBytes() {
        return Jdbc.queryLong(connection, "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint");
    }

    @Override
    public void close() throws SQLException {
        try {
            Jdbc.run(connection, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            connection.close();
        } finally {
            server.close();
        }
    }
}
