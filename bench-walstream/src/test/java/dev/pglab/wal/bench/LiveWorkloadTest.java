package dev.pglab.wal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveWorkloadTest {

    /** The writer procedure as it was written by hand before its statements came from fixtures' writers. */
    private static final String BEFORE = """
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
                END $$""";

    @Test
    void theWriterProcedureIsTheSameBarLayout() {
        assertThat(LiveWorkload.procedure().replaceAll("\\s", "")).isEqualTo(BEFORE.replaceAll("\\s", ""));
    }
}
