package dev.pglab.cdc.experiment;

/**
 * A roadmap exit criterion (T-A44-11), as a bound on the relative change of a variant against its baseline
 * ({@code variant / baseline - 1}): negative is faster or fewer.
 */
public enum Criterion {
    /** Write path: regression ≤ 15 % per UPDATE. */
    WRITE_PATH("write path: regression <= 15%", 0.15),
    /** CB scan: ≥ 20 % faster (50 columns, 10K+ buffer rows). */
    SCAN("scan: >= 20% faster", -0.20),
    /** Multi-change collapse: ≥ 30 % faster when ≥ 50 % of keys have 2+ changes. */
    MULTI_CHANGE("multi-change: >= 30% faster", -0.30),
    /** UNION ALL elimination: shared hit blocks ≥ 40 % lower. */
    SHARED_HIT("shared hit: >= 40% lower", -0.40),
    /** Not in the roadmap: the upstream statement trigger's IS NOT DISTINCT FROM join against an = join, same bound as the write path. */
    STATEMENT_JOIN("stmt join: INDF <= 15% over =", 0.15);

    private final String label;
    private final double maxChange;

    Criterion(String label, double maxChange) {
        this.label = label;
        this.maxChange = maxChange;
    }

    public String label() {
        return label;
    }

    /** The largest relative change that still meets the criterion. */
    public double maxChange() {
        return maxChange;
    }
}
