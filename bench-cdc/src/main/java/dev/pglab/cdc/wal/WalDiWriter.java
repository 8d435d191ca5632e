package dev.pglab.cdc.wal;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.CdcException;
import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.PkHash;
import dev.pglab.cdc.SourceColumn;
import dev.pglab.cdc.SourceTable;
import dev.pglab.wal.PgOutputMessage;
import dev.pglab.wal.Tuple;
import dev.pglab.wal.Value;
import dev.pglab.wal.pgo.Lsn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds a D+I buffer from a pgoutput stream (decoded by bench-walstream's {@link dev.pglab.wal.RecordDecoder})
 * instead of triggers, as pg_trickle's WAL decoder does: INSERT → I-row, DELETE → D-row, and each UPDATE as
 * <b>one</b> 2-row {@code INSERT ... VALUES (D), (I)}, so a crash can never leave a D-row without its I-row
 * (the atomicity risk the roadmap names for two separate writes). Every row is stamped with its transaction's
 * commit LSN; pk_hash is computed by the server from the typed values, with the same expression as the
 * triggers.
 * <p><b>REPLICA IDENTITY.</b> With FULL the stream carries the whole old row, so D-rows are complete and
 * changed_cols is computed (by comparing the text forms; a spurious bit only makes a column filter keep a row).
 * With DEFAULT (or USING INDEX) the old tuple holds the key columns only, and none at all when the key did not
 * change: the D-row's non-key columns are then NULL and changed_cols is NULL (always passes a filter). A
 * consumer that only matches D-rows by pk_hash (a MERGE by row id) stays right; <b>a consumer that reads
 * values from D-rows — the pre-image of a delta, an aggregate that subtracts old values (upstream's P5 direct
 * aggregate path) — computes wrong results</b>; {@link #partialPreImages()} counts such rows. Unchanged TOAST
 * values are not sent for the new row either; with FULL they are taken from the old row, with DEFAULT they
 * are written as NULL and counted in {@link #missingToastValues()}, also wrong for any consumer. NOTHING cannot
 * identify rows at all and is refused.
 */
public final class WalDiWriter {
    private final Connection connection;
    private final ChangeBufferSchema schema;
    private final Map<Integer, PreparedStatement> statements = new HashMap<>();
    private String commitLsn = "0/0";
    private long rows;
    private long partialPreImages;
    private long missingToastValues;

    public WalDiWriter(Connection connection, ChangeBufferSchema schema) {
        this.connection = connection;
        this.schema = schema;
    }

    /** D-rows written without their non-key values (REPLICA IDENTITY DEFAULT / INDEX). */
    public long partialPreImages() {
        return partialPreImages;
    }

    /** Column values written as NULL because the server sent "unchanged TOAST" and no old row had them. */
    public long missingToastValues() {
        return missingToastValues;
    }

    public long rowsWritten() {
        return rows;
    }

    /** Handles one decoded message; messages about other tables are ignored. */
    public void accept(PgOutputMessage message) {
        switch (message) {
            case PgOutputMessage.Begin b -> commitLsn = Lsn.format(b.finalLsn());
            case PgOutputMessage.Relation r -> {
                if (isSource(r) && r.replicaIdentity() == 'n') {
                    throw new CdcException("relation " + r.qualifiedName() + " has REPLICA IDENTITY NOTHING: its UPDATEs and "
                            + "DELETEs carry no old row, so a D+I buffer cannot be fed from WAL; use DEFAULT or FULL");
                }
            }
            case PgOutputMessage.Insert i when isSource(i.relation()) ->
                    write(List.of(row('I', values(i.relation(), i.newTuple(), null), null)));
            case PgOutputMessage.Update u when isSource(u.relation()) -> update(u);
            case PgOutputMessage.Delete d when isSource(d.relation()) -> {
                if (d.oldKind() != 'O') {
                    partialPreImages++;
                }
                write(List.of(row('D', oldImage(d.relation(), d.oldKind(), d.oldTuple(), null), null)));
            }
            default -> {
            }
        }
    }

    private boolean isSource(PgOutputMessage.Relation r) {
        SourceTable s = schema.source();
        return r.name().equals(s.name()) && (r.namespace().isEmpty() ? "pg_catalog" : r.namespace()).equals(s.schema());
    }

    private void update(PgOutputMessage.Update u) {
        String[] oldFull = u.oldKind() == 'O' ? values(u.relation(), u.oldTuple(), null) : null;
        String[] newValues = values(u.relation(), u.newTuple(), oldFull);
        String[] oldValues = u.oldKind() == 0
                ? keyOnly(newValues) // the key did not change and DEFAULT sends no old row
                : oldImage(u.relation(), u.oldKind(), u.oldTuple(), newValues);
        String changed = oldFull == null || !schema.source().keyed() ? null : changedCols(oldFull, newValues);
        if (oldFull == null) {
            partialPreImages++;
        }
        // D-row must be emitted before I-row: one VALUES list, rows get change_ids in list order
        write(List.of(row('D', oldValues, changed), row('I', newValues, changed)));
    }

    private String[] oldImage(PgOutputMessage.Relation r, char kind, Tuple old, String[] fallback) {
        String[] values = values(r, old, fallback);
        return kind == 'K' ? keyOnly(values) : values;
    }

    private String[] keyOnly(String[] values) {
        String[] key = new String[values.length];
        List<SourceColumn> cols = schema.source().columns();
        for (int i = 0; i < cols.size(); i++) {
            if (schema.source().keyColumns().contains(cols.get(i).name())) {
                key[i] = values[i];
            }
        }
        return key;
    }

    /** The tuple's values in the source's column order; unchanged TOAST is filled from {@code fill} when given. */
    private String[] values(PgOutputMessage.Relation r, Tuple t, String[] fill) {
        List<SourceColumn> cols = schema.source().columns();
        String[] out = new String[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            int at = r.columnIndex(cols.get(i).name());
            if (at < 0 || at >= t.size()) {
                throw new CdcException("relation " + r.qualifiedName() + " in the stream has no column " + cols.get(i).name()
                        + " (columns " + r.columns().stream().map(PgOutputMessage.Relation.Column::name).toList() + ")");
            }
            Value v = t.get(at);
            out[i] = switch (v) {
                case Value.Text text -> text.text();
                case Value.Null n -> null;
                case Value.UnchangedToast toast -> {
                    if (fill != null) {
                        yield fill[i];
                    }
                    missingToastValues++;
                    yield null;
                }
                case Value.Binary b -> throw new CdcException("column " + cols.get(i).name() + " of " + r.qualifiedName()
                        + " arrived in binary: start the stream with binary 'false'");
            };
        }
        return out;
    }

    private String changedCols(String[] old, String[] now) {
        StringBuilder bits = new StringBuilder(old.length);
        for (int i = 0; i < old.length; i++) {
            bits.append(java.util.Objects.equals(old[i], now[i]) ? '0' : '1');
        }
        return bits.toString();
    }

    private record Row(char action, String[] values, String changedCols) {
    }

    private static Row row(char action, String[] values, String changedCols) {
        return new Row(action, values, changedCols);
    }

    private void write(List<Row> batch) {
        PreparedStatement ps = statements.computeIfAbsent(batch.size(), this::prepare);
        SourceTable s = schema.source();
        List<SourceColumn> cols = s.columns();
        try {
            int p = 1;
            for (Row r : batch) {
                ps.setString(p++, commitLsn);
                ps.setString(p++, String.valueOf(r.action()));
                for (SourceColumn k : s.hashColumns()) {
                    ps.setString(p++, r.values()[cols.indexOf(k)]);
                }
                ps.setString(p++, r.changedCols());
                for (int i = 0; i < cols.size(); i++) {
                    ps.setString(p++, r.values()[i]);
                }
            }
            ps.executeUpdate();
            rows += batch.size();
        } catch (SQLException e) {
            throw new CdcException("writing " + batch.size() + " WAL-fed row(s) at commit LSN " + commitLsn + " into "
                    + schema.table(BufferKind.DI) + " failed: " + e.getMessage(), e);
        }
    }

    private PreparedStatement prepare(int batchRows) {
        SourceTable s = schema.source();
        String hash = PkHash.of(s, c -> "?::" + c.type());
        StringBuilder one = new StringBuilder("(?::pg_lsn, ?::char(1), ").append(hash).append(", ?::varbit, NULL");
        for (SourceColumn c : s.columns()) {
            one.append(", ?::").append(c.type());
        }
        one.append(')');
        List<String> tuples = new ArrayList<>();
        for (int i = 0; i < batchRows; i++) {
            tuples.add(one.toString());
        }
        String sql = "INSERT INTO " + schema.table(BufferKind.DI) + " (lsn, action, pk_hash, changed_cols, __pgt_trace_context, "
                + String.join(", ", schema.dataColumns(BufferKind.DI)) + ")\nVALUES " + String.join(",\n       ", tuples);
        try {
            return connection.prepareStatement(sql);
        } catch (SQLException e) {
            throw new CdcException("cannot prepare the WAL-fed insert into " + schema.table(BufferKind.DI) + ": " + e.getMessage(), e);
        }
    }
}
