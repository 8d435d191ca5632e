package dev.pglab.cdc.scan;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.CdcException;
import dev.pglab.cdc.SourceTable;
import java.util.Locale;

/** The three scans the experiment compares; each picks its keyless form for a table without a key. */
public enum ScanVariant {
    /** v0.42: the 5-CTE pipeline over the wide buffer. */
    WIDE_5CTE("wide5", BufferKind.WIDE),
    /** v0.43 as shipped: the same 5-CTE pipeline over the D+I buffer. */
    DI_5CTE("di5", BufferKind.DI),
    /** A single pass over the D+I buffer: one window over pk_hash ordered by change_id. */
    DI_SINGLE_PASS("di1", BufferKind.DI);

    private final String id;
    private final BufferKind buffer;

    ScanVariant(String id, BufferKind buffer) {
        this.id = id;
        this.buffer = buffer;
    }

    public String id() {
        return id;
    }

    public BufferKind buffer() {
        return buffer;
    }

    public DeltaScan forTable(SourceTable table) {
        if (!table.keyed()) {
            return buffer == BufferKind.WIDE ? new WideKeylessScan() : new DiKeylessScan(this == DI_5CTE ? "di5" : "di1");
        }
        return switch (this) {
            case WIDE_5CTE -> new WideFiveCteScan();
            case DI_5CTE -> new DiFiveCteScan();
            case DI_SINGLE_PASS -> new DiSinglePassScan();
        };
    }

    public static ScanVariant parse(String id) {
        for (ScanVariant v : values()) {
            if (v.id.equals(id) || v.name().equalsIgnoreCase(id)) {
                return v;
            }
        }
        throw new CdcException("no scan variant '" + id + "': expected wide5, di5 or di1 (" + id.toLowerCase(Locale.ROOT) + ")");
    }
}
