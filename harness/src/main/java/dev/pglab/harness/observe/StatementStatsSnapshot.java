package dev.pglab.harness.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of {@code pg_stat_statements}; two of them give what a run did ({@link #delta}). Rows are read as
 * {@code to_jsonb(s)} so the same code reads every version's column names (they changed in 1.8, 1.10, 1.11).
 */
public record StatementStatsSnapshot(Instant takenAt, Map<StatementStat.Key, StatementStat> entries) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public StatementStatsSnapshot {
        entries = Map.copyOf(entries);
    }

    /**
     * Takes a snapshot, or empty when the view cannot be read (extension not created, library not preloaded,
     * no privilege): the caller reports that as a missing part, not as an error.
     *
     * @param why receives the reason when the result is empty
     */
    public static Optional<StatementStatsSnapshot> tryTake(Connection connection, StringBuilder why) {
        try {
            return Optional.of(take(connection));
        } catch (SQLException e) {
            why.append(e.getMessage());
            return Optional.empty();
        }
    }

    public static StatementStatsSnapshot take(Connection connection) throws SQLException {
        Map<StatementStat.Key, StatementStat> entries = new LinkedHashMap<>();
        Instant at = Instant.now();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select to_jsonb(s)::text from pg_stat_statements s")) {
            while (rs.next()) {
                StatementStat stat = fromJson(rs.getString(1));
                // toplevel and nested entries share a key; fold them together, as a trace counts them once each
                entries.merge(stat.key(), stat, StatementStatsSnapshot::plus);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("pg_stat_statements returned a row pglab cannot read: " + e.getMessage(), e);
        }
        return new StatementStatsSnapshot(at, entries);
    }

    private static StatementStat fromJson(String text) throws com.fasterxml.jackson.core.JsonProcessingException {
        JsonNode n = JSON.readTree(text);
        return new StatementStat(n.path("queryid").asLong(), n.path("userid").asLong(), n.path("dbid").asLong(),
                n.path("query").asText(""), n.path("calls").asLong(),
                first(n, "total_exec_time", "total_time"), first(n, "total_plan_time"),
                n.path("rows").asLong(), n.path("shared_blks_hit").asLong(), n.path("shared_blks_read").asLong(),
                n.path("shared_blks_dirtied").asLong(), n.path("shared_blks_written").asLong(),
                n.path("temp_blks_read").asLong(), n.path("temp_blks_written").asLong(),
                first(n, "shared_blk_read_time", "blk_read_time"), first(n, "shared_blk_write_time", "blk_write_time"),
                n.path("wal_bytes").asLong());
    }

    private static double first(JsonNode n, String... names) {
        for (String name : names) {
            if (n.has(name)) {
                return n.get(name).asDouble();
            }
        }
        return 0;
    }

    private static StatementStat plus(StatementStat a, StatementStat b) {
        return new StatementStat(a.queryId(), a.userId(), a.dbId(), a.query(), a.calls() + b.calls(),
                a.totalExecMillis() + b.totalExecMillis(), a.totalPlanMillis() + b.totalPlanMillis(),
                a.rows() + b.rows(), a.sharedHit() + b.sharedHit(), a.sharedRead() + b.sharedRead(),
                a.sharedDirtied() + b.sharedDirtied(), a.sharedWritten() + b.sharedWritten(),
                a.tempRead() + b.tempRead(), a.tempWritten() + b.tempWritten(),
                a.ioReadMillis() + b.ioReadMillis(), a.ioWriteMillis() + b.ioWriteMillis(), a.walBytes() + b.walBytes());
    }

    /**
     * What happened between {@code before} and this snapshot: entries whose calls grew, largest total execution
     * time first. An entry evicted and re-created in between shows its new counts (a known limit of the view).
     */
    public List<StatementStat> delta(StatementStatsSnapshot before) {
        List<StatementStat> out = new ArrayList<>();
        for (StatementStat now : entries.values()) {
            StatementStat then = before.entries.get(now.key());
            StatementStat d = then == null ? now : now.minus(then);
            if (d.calls() > 0) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparingDouble(StatementStat::totalExecMillis).reversed());
        return out;
    }
}
