package dev.pglab.cdc.scan;

import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.ColumnMask;
import dev.pglab.cdc.ScanWindow;
import java.util.List;

/**
 * upstream's {@code diff_scan_change_buffer()} pipeline (standard mode), shared by the wide and the D+I form:
 * pk_stats (count per pk_hash) → single (cnt = 1, first/last action = own action) and multi_raw (cnt > 1,
 * FIRST_VALUE/LAST_VALUE over pk_hash by change_id) → scan_raw (UNION ALL) → D-branch (DISTINCT ON pk_hash,
 * first non-I row, when the first action is not I) UNION ALL I-branch (last non-D row, when the last action is
 * not D).
 *
 * @param rawColumns  the buffer's data columns selected into single/multi_raw, e.g. {@code c."new_a", c."old_a"}
 * @param oldPkHash   the {@code __pk_hash_old} expression over alias {@code c}
 * @param deleteImage the D-branch's output columns over alias {@code c}, aliased to source names
 * @param insertImage the I-branch's output columns over alias {@code c}, aliased to source names
 */
record FiveCtePipeline(String rawColumns, String oldPkHash, String deleteImage, String insertImage) {

    String sql(ChangeBufferSchema schema, String table, ScanWindow window, ColumnMask mask) {
        String filter = window.predicate("c") + " AND " + mask.predicate(schema.source(), "c");
        return String.join("\n", List.of(
                "WITH pk_stats AS (",
                "  SELECT c.pk_hash AS __pk_hash, count(*) AS cnt",
                "  FROM " + table + " c",
                "  WHERE " + filter,
                "  GROUP BY c.pk_hash",
                "), single AS (",
                "  SELECT c.pk_hash AS __pk_hash, " + oldPkHash + " AS __pk_hash_old, c.action, c.change_id,",
                "         " + rawColumns + ",",
                "         c.action AS __first_action, c.action AS __last_action",
                "  FROM " + table + " c",
                "  JOIN pk_stats p ON p.__pk_hash = c.pk_hash AND p.cnt = 1",
                "  WHERE " + filter,
                "), multi_raw AS (",
                "  SELECT c.pk_hash AS __pk_hash, " + oldPkHash + " AS __pk_hash_old, c.action, c.change_id,",
                "         " + rawColumns + ",",
                "         FIRST_VALUE(c.action) OVER (PARTITION BY c.pk_hash ORDER BY c.change_id) AS __first_action,",
                "         LAST_VALUE(c.action) OVER (PARTITION BY c.pk_hash ORDER BY c.change_id",
                "             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS __last_action",
                "  FROM " + table + " c",
                "  JOIN pk_stats p ON p.__pk_hash = c.pk_hash AND p.cnt > 1",
                "  WHERE " + filter,
                "), scan_raw AS (",
                "  SELECT * FROM single",
                "  UNION ALL",
                "  SELECT * FROM multi_raw",
                ")",
                "SELECT c.__pk_hash_old AS __pk_hash, 'D'::text AS __action, " + deleteImage,
                "FROM (SELECT DISTINCT ON (s.__pk_hash) s.* FROM scan_raw s",
                "      WHERE s.action <> 'I' AND s.__first_action <> 'I'",
                "      ORDER BY s.__pk_hash, s.change_id) c",
                "UNION ALL",
                "SELECT c.__pk_hash AS __pk_hash, 'I'::text AS __action, " + insertImage,
                "FROM (SELECT DISTINCT ON (s.__pk_hash) s.* FROM scan_raw s",
                "      WHERE s.action <> 'D' AND s.__last_action <> 'D'",
                "      ORDER BY s.__pk_hash, s.change_id DESC) c"));
    }
}
