package dev.pglab.cdc;

import java.util.List;

/**
 * Compaction of a buffer's window (upstream C-4), rewritten so that it never changes a delta, with or without a
 * {@link ColumnMask}.
 * <p>Keyed tables: per pk_hash, whole groups whose first action is I and last is D go (the key neither
 * existed before nor after), and so do middle rows (neither first nor last). Every scan reads only the first
 * row's pre-image and the last row's post-image, so the unmasked delta cannot change. Upstream stops there;
 * with a mask that is not enough: a middle UPDATE may be the only one touching the masked columns, and once it
 * is gone the kept rows would be filtered out. So before deleting, the kept first and last rows get the
 * group's combined changed_cols (bit_or of all rows, NULL when any row is a genuine I or D, which always
 * passes). This relies on masks including the key columns ({@link ColumnMask} adds them).
 * <p>Keyless tables: groups are content hashes, not histories, so middle rows must stay; instead I-rows and
 * D-rows of the same content cancel in pairs (wide U-rows are left alone).
 */
public record BufferCompaction(ChangeBufferSchema schema, BufferKind kind) {

    /** The statements to run, in one transaction, for the window. */
    public List<String> sql(ScanWindow window) {
        String table = schema.table(kind);
        String inWindow = window.predicate("c");
        if (!schema.source().keyed()) {
            String actions = kind == BufferKind.WIDE ? " AND c.action IN ('I', 'D')" : "";
            return List.of("""
                    WITH ranked AS (
                      SELECT c.change_id, c.pk_hash, c.action,
                             row_number() OVER (PARTITION BY c.pk_hash, c.action ORDER BY c.change_id) AS rn
                      FROM %1$s c WHERE %2$s%3$s
                    ), pairs AS (
                      SELECT c.pk_hash, least(count(*) FILTER (WHERE c.action = 'I'), count(*) FILTER (WHERE c.action = 'D')) AS n
                      FROM %1$s c WHERE %2$s%3$s GROUP BY c.pk_hash
                    )
                    DELETE FROM %1$s b USING ranked r JOIN pairs p ON p.pk_hash = r.pk_hash
                    WHERE b.change_id = r.change_id AND r.rn <= p.n""".formatted(table, inWindow, actions));
        }
        String mergeMasks = """
                UPDATE %1$s b SET changed_cols = g.merged
                FROM (SELECT c.pk_hash, min(c.change_id) AS first_id, max(c.change_id) AS last_id,
                             CASE WHEN count(*) = count(c.changed_cols) THEN bit_or(c.changed_cols::bit varying) END AS merged
                      FROM %1$s c WHERE %2$s
                      GROUP BY c.pk_hash HAVING count(*) > 2) g
                WHERE b.pk_hash = g.pk_hash AND b.change_id IN (g.first_id, g.last_id)
                  AND b.changed_cols IS DISTINCT FROM g.merged""".formatted(table, inWindow);
        String delete = """
                WITH g AS (
                  SELECT c.change_id,
                         row_number() OVER w AS rn, count(*) OVER w AS cnt,
                         first_value(c.action) OVER w AS first_action, last_value(c.action) OVER w AS last_action
                  FROM %1$s c WHERE %2$s
                  WINDOW w AS (PARTITION BY c.pk_hash ORDER BY c.change_id
                               ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
                )
                DELETE FROM %1$s b USING g
                WHERE b.change_id = g.change_id
                  AND ((g.first_action = 'I' AND g.last_action = 'D') OR (g.rn > 1 AND g.rn < g.cnt))""".formatted(table, inWindow);
        return List.of(mergeMasks, delete);
    }
}
