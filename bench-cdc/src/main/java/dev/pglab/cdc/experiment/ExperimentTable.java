package dev.pglab.cdc.experiment;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.ChangeCapture;
import dev.pglab.cdc.Jdbc;
import dev.pglab.cdc.Sql;
import dev.pglab.cdc.SourceTable;
import dev.pglab.cdc.trigger.CdcTrigger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A fixture source table in a schema with its buffers and triggers installed: the unit every benchmark and
 * the command line set up. Buffers and trigger functions live in the same schema as the source.
 */
public record ExperimentTable(String schema, SourceFixture fixture, ChangeCapture capture) {
    public static final String SOURCE = "src";

    public static ExperimentTable create(Connection c, String schema, SourceFixture fixture, List<CdcTrigger> triggers) {
        return create(c, schema, SOURCE, fixture, triggers);
    }

    /** Creates the fixture as {@code schema.name}, its buffers {@code changes_<name>}/{@code di_changes_<name>} and triggers. */
    public static ExperimentTable create(Connection c, String schema, String name, SourceFixture fixture, List<CdcTrigger> triggers) {
        Jdbc.run(c, fixture.create(schema, name));
        try {
            SourceTable source = SourceTable.read(c, schema, name);
            return new ExperimentTable(schema, fixture, ChangeCapture.install(c, source, schema, triggers));
        } catch (SQLException e) {
            throw new dev.pglab.cdc.CdcException("cannot read the fixture table " + schema + "." + name + ": " + e.getMessage(), e);
        }
    }

    /** The same table with other triggers installed. */
    public ExperimentTable withTriggers(Connection c, List<CdcTrigger> triggers) {
        return new ExperimentTable(schema, fixture, capture.withTriggers(c, triggers));
    }

    public String source() {
        return capture.schema().source().qualified();
    }

    /** Runs a workload's statements (through the triggers), then ANALYZEs both buffers as a refresh would see them. */
    public void apply(Connection c, Workload workload) {
        Jdbc.run(c, workload.statements(fixture, source()));
        Jdbc.run(c, "ANALYZE " + capture.schema().table(BufferKind.WIDE), "ANALYZE " + capture.schema().table(BufferKind.DI));
    }

    /** Share of pk_hash values with two or more rows in the WIDE buffer: the multi-change share of the window. */
    public double multiChangeShare(Connection c) {
        String t = capture.schema().table(BufferKind.WIDE);
        return Double.parseDouble(Jdbc.queryString(c,
                "SELECT coalesce(avg((cnt >= 2)::int), 0) FROM (SELECT count(*) AS cnt FROM " + t + " GROUP BY pk_hash) g"));
    }

    /** Heap + index bytes of a buffer. */
    public long bufferBytes(Connection c, BufferKind kind) {
        return Jdbc.queryLong(c, "SELECT pg_total_relation_size(" + Sql.literal(capture.schema().table(kind)) + "::regclass)");
    }
}
