package dev.pglab.cdc;

/** The frontier window a scan or compaction reads: {@code lsn > from AND lsn <= to}. */
public record ScanWindow(String fromLsn, String toLsn) {

    public ScanWindow {
        if (!fromLsn.matches("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}") || !toLsn.matches("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}")) {
            throw new CdcException("scan window " + fromLsn + " .. " + toLsn + ": expected two LSNs like 0/16B3748");
        }
    }

    /** Everything written so far and later: {@code 0/0 .. FFFFFFFF/FFFFFFFF}. */
    public static ScanWindow everything() {
        return new ScanWindow("0/0", "FFFFFFFF/FFFFFFFF");
    }

    public String predicate(String alias) {
        return alias + ".lsn > '" + fromLsn + "'::pg_lsn AND " + alias + ".lsn <= '" + toLsn + "'::pg_lsn";
    }
}
