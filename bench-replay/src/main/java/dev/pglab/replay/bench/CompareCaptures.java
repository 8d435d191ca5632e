package dev.pglab.replay.bench;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.LogCapture;
import dev.pglab.harness.pg.PgServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The compare tests' capture: a 60 000-row table with a primary key and a 20 000-row table without one, both
 * built by the capture itself (so every replay from an empty database rebuilds them), then 60 sums of the small
 * table (a sequential scan whatever the settings) and 60 lookups by key (an index scan, unless index and bitmap
 * scans are off).
 */
public final class CompareCaptures {
    /** The lookup's fingerprint. */
    public static final String LOOKUP = dev.pglab.parser.sql.SqlFingerprint.of("select id, pad from big where id = $1");
    /** The unrelated query's fingerprint. */
    public static final String SUM = dev.pglab.parser.sql.SqlFingerprint.of("select sum(v) from other");

    private CompareCaptures() {
    }

    public static CapturedLogs lookups() {
        return LogCapture.capture("compare-lookup-v2", CompareCaptures::workload);
    }

    private static void workload(PgServer server) throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create table big (id int primary key, pad text)");
            st.execute("insert into big select g, repeat('x', 40) from generate_series(1, 60000) g");
            st.execute("create table other (v int)");
            st.execute("insert into other select g from generate_series(1, 20000) g");
            st.execute("analyze big");
            st.execute("analyze other");
            try (PreparedStatement lookup = c.prepareStatement("select id, pad from big where id = ?");
                 PreparedStatement sum = c.prepareStatement("select sum(v) from other")) {
                // the sums first, then the lookups: interleaved, B's sequential scans of big would evict the CPU
                // caches the next sum uses and slow it down too (a real effect, but not the one this test is about)
                for (int i = 0; i < 60; i++) {
                    try (ResultSet rs = sum.executeQuery()) {
                        rs.next();
                    }
                }
                for (int i = 0; i < 60; i++) {
                    lookup.setInt(1, 1 + (i * 997) % 60000);
                    try (ResultSet rs = lookup.executeQuery()) {
                        rs.next();
                    }
                }
            }
        }
    }
}
