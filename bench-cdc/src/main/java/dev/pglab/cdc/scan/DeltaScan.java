package dev.pglab.cdc.scan;

import dev.pglab.cdc.BufferKind;
import dev.pglab.cdc.ChangeBufferSchema;
import dev.pglab.cdc.ColumnMask;
import dev.pglab.cdc.ScanWindow;

/**
 * A delta scan over one change buffer: a query whose rows are {@code (__pk_hash bigint, __action 'D'|'I',
 * <source columns by their source names>)}, the net change of the window, D-rows carrying pre-images and
 * I-rows post-images.
 */
public sealed interface DeltaScan permits WideFiveCteScan, DiFiveCteScan, DiSinglePassScan, WideKeylessScan, DiKeylessScan {

    BufferKind buffer();

    /** A short id for results, e.g. {@code wide5}, {@code di5}, {@code di1}. */
    String id();

    String sql(ChangeBufferSchema schema, ScanWindow window, ColumnMask mask);
}
