package dev.pglab.wal.bench;

import dev.pglab.fixtures.schema.TableShape;
import dev.pglab.fixtures.workload.EventWriters;
import dev.pglab.harness.pg.PgServer;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * pg_walstream's load-test tables and writers, run inside the server: each writer is one connection blocked in
 * a PL/pgSQL procedure that inserts (updates, deletes) in batches, commits each batch, and sleeps to hold its
 * rate. The writers cost the client process nothing, so the consumer's process CPU is the consumer's alone
 * (pg_walstream ran its generator as a separate process for the same reason).
 */
final class LiveWorkload {
    private LiveWorkload() {
    }

    static void install(PgServer server) {
        List<String> sql = new ArrayList<>(TableShape.NARROW.createIfNotExists());
        sql.addAll(TableShape.WIDE_20.createIfNotExists());
        sql.add("DROP PUBLICATION IF EXISTS pglab_live_pub");
        sql.add("CREATE PUBLICATION pglab_live_pub FOR TABLE " + TABLES);
        sql.add(procedure());
        server.execute(sql.toArray(String[]::new));
    }

    private static final String TABLES = TableShape.NARROW.table() + ", " + TableShape.WIDE_20.table();

    /** The writer procedure; its statements are fixtures' load-test writers, fed the procedure's variables. */
    static String procedure() {
        String window = "id > hi - batch AND id <= hi";
        return """
                CREATE OR REPLACE PROCEDURE pglab_write(shape text, batch int, seconds float8, rate float8, INOUT written bigint DEFAULT 0)
                LANGUAGE plpgsql AS $$
                DECLARE
                  t0 timestamptz := clock_timestamp();
                  p100 text := repeat('abcdefghij', 10);
                  p50 text := repeat('abcde', 10);
                  p2k text := repeat('abcdefghij', 200);
                  hi bigint;
                  n bigint;
                  due float8;
                BEGIN
                  written := 0;
                  LOOP
                    EXIT WHEN extract(epoch FROM clock_timestamp() - t0) >= seconds;
                    IF shape = 'narrow' THEN
                      %s;
                      written := written + batch;
                    ELSIF shape = '2kb' THEN
                      %s;
                      written := written + batch;
                    ELSIF shape = 'wide' THEN
                      %s;
                      written := written + batch;
                    ELSE
                      %s;
                      hi := currval('narrow_events_id_seq');
                      COMMIT;
                      %s;
                      GET DIAGNOSTICS n = ROW_COUNT;
                      COMMIT;
                      written := written + batch + n;
                      %s;
                      GET DIAGNOSTICS n = ROW_COUNT;
                      written := written + n;
                    END IF;
                    COMMIT;
                    IF rate > 0 THEN
                      due := written / rate - extract(epoch FROM clock_timestamp() - t0);
                      IF due > 0 THEN PERFORM pg_sleep(due); END IF;
                    END IF;
                  END LOOP;
                END $$""".formatted(
                EventWriters.insertSelect(TableShape.NARROW, "p100", "batch"),
                EventWriters.insertSelect(TableShape.PAYLOAD_2KB, "p2k", "batch"),
                EventWriters.insertSelect(TableShape.WIDE_20, "p50", "batch"),
                EventWriters.insertSelect(TableShape.NARROW, "p100", "batch"),
                EventWriters.updateQuarter(TableShape.NARROW, "p100", window),
                EventWriters.deleteQuarter(TableShape.NARROW, window));
    }

    static void reset(PgServer server) {
        server.execute("TRUNCATE " + TABLES + " RESTART IDENTITY");
    }

    /** Runs one writer to completion; returns the DML rows it wrote. Commits are synchronous, so they reach the walsender at once. */
    static long write(PgServer server, String shape, int batch, double seconds, double rowsPerSecond) throws SQLException {
        try (Connection c = server.connect()) {
            c.createStatement().execute("SET synchronous_commit = on");
            try (CallableStatement cs = c.prepareCall("CALL pglab_write(?, ?, ?, ?, NULL)")) {
                cs.setString(1, shape);
                cs.setInt(2, batch);
                cs.setDouble(3, seconds);
                cs.setDouble(4, rowsPerSecond);
                try (var rs = cs.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }
}
