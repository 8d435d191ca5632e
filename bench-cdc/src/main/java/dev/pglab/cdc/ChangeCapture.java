package dev.pglab.cdc;

import dev.pglab.cdc.scan.ScanVariant;
import dev.pglab.cdc.trigger.CdcTrigger;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Capture of one source table into both buffers at once: creates the buffers in the buffer schema and installs
 * the given triggers (typically one WIDE and one DI variant), so the same DML lands in every buffer.
 */
public record ChangeCapture(ChangeBufferSchema schema, List<CdcTrigger> triggers) {

    public ChangeCapture {
        triggers = List.copyOf(triggers);
    }

    public static ChangeCapture install(Connection c, SourceTable source, String bufferSchema, List<CdcTrigger> triggers) {
        ChangeCapture capture = new ChangeCapture(ChangeBufferSchema.of(source, bufferSchema), triggers);
        List<String> sql = new ArrayList<>(capture.schema.ddl());
        for (CdcTrigger t : triggers) {
            sql.addAll(t.install(capture.schema));
        }
        Jdbc.run(c, sql);
        return capture;
    }

    public void uninstallTriggers(Connection c) {
        List<String> sql = new ArrayList<>();
        for (CdcTrigger t : triggers) {
            sql.addAll(t.uninstall(schema));
        }
        Jdbc.run(c, sql);
    }

    public String scanSql(ScanVariant variant, ScanWindow window, ColumnMask mask) {
        return variant.forTable(schema.source()).sql(schema, window, mask);
    }

    /** Compacts both buffers' windows in one transaction each. */
    public void compact(Connection c, ScanWindow window) {
        for (BufferKind kind : BufferKind.values()) {
            List<String> sql = new ArrayList<>(List.of("BEGIN"));
            sql.addAll(new BufferCompaction(schema, kind).sql(window));
            sql.add("COMMIT");
            Jdbc.run(c, sql);
        }
    }

    public long rows(Connection c, BufferKind kind) {
        return Jdbc.queryLong(c, "SELECT count(*) FROM " + schema.table(kind));
    }

    public void truncate(Connection c) {
        Jdbc.run(c, "TRUNCATE " + schema.table(BufferKind.WIDE) + ", " + schema.table(BufferKind.DI));
    }
}
