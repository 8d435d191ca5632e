package dev.pglab.wal.bench;

import dev.pglab.harness.pg.PgServer;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;

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
        server.execute(
                "CREATE TABLE IF NOT EXISTS narrow_events (id serial PRIMARY KEY, payload text NOT NULL, created_at timestamp DEFAULT now())",
                "ALTER TABLE narrow_events REPLICA IDENTITY FULL",
                "CREATE TABLE IF NOT EXISTS wide_events (id serial PRIMARY KEY, col_1 text, col_2 text, col_3 text, col_4 text, "
                        + "col_5 text, col_6 text, col_7 text, col_8 text, col_9 text, col_10 text, col_11 text, col_12 text, "
                        + "col_13 text, col_14 text, col_15 text, col_16 text, col_17 text, col_18 text, col_19 text, col_20 text)",
                "DROP PUBLICATION IF EXISTS pglab_live_pub",
                "CREATE PUBLICATION pglab_live_pub FOR TABLE narrow_events, wide_events",
                """
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
                      INSERT INTO narrow_events (payload) SELECT p100 FROM generate_series(1, batch);
                      written := written + batch;
                    ELSIF shape = '2kb' THEN
                      INSERT INTO narrow_events (payload) SELECT p2k FROM generate_series(1, batch);
                      written := written + batch;
                    ELSIF shape = 'wide' THEN
                      INSERT INTO wide_events (col_1, col_2, col_3, col_4, col_5, col_6, col_7, col_8, col_9, col_10, col_11,
                        col_12, col_13, col_14, col_15, col_16, col_17, col_18, col_19, col_20)
                      SELECT p50, p50, p50, p50, p50, p50, p50, p50, p50, p50, p50, p50, p50, p50, p50, p50, p50, p50, p50, p50
                      FROM generate_series(1, batch);
                      written := written + batch;
                    ELSE
                      INSERT INTO narrow_events (payload) SELECT p100 FROM generate_series(1, batch);
                      hi := currval('narrow_events_id_seq');
                      COMMIT;
                      UPDATE narrow_events SET payload = p100 || '_upd' WHERE id > hi - batch AND id <= hi AND id % 4 = 2;
                      GET DIAGNOSTICS n = ROW_COUNT;
                      COMMIT;
                      written := written + batch + n;
                      DELETE FROM narrow_events WHERE id > hi - batch AND id <= hi AND id % 4 = 3;
                      GET DIAGNOSTICS n = ROW_COUNT;
                      written := written + n;
                    END IF;
                    COMMIT;
                    IF rate > 0 THEN
                      due := written / rate - extract(epoch FROM clock_timestamp() - t0);
                      IF due > 0 THEN PERFORM pg_sleep(due); END IF;
                    END IF;
                  END LOOP;
                END $$""");
    }

    static void reset(PgServer server) {
        server.execute("TRUNCATE narrow_events, wide_events RESTART IDENTITY");
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
