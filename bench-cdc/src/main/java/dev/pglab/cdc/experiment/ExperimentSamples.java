package dev.pglab.cdc.experiment;

/**
 * Independent samples of the experiment's measurements (one value per JMH fork, or per round of the command
 * line), looked up by scenario. An empty array means "not measured". {@code cpu} selects backend CPU time
 * instead of wall time.
 */
public interface ExperimentSamples {

    /** One-statement UPDATE of all {@code rows} rows of a {@code cols}-column source under a trigger (ms). */
    double[] bulkWrite(String trigger, int cols, int rows, boolean cpu);

    /** One single-row UPDATE in autocommit (µs). */
    double[] oltpWrite(String trigger, int cols, boolean cpu);

    /** A delta scan of a 50-column source's buffers after a workload. */
    double[] scan(String variant, Workload workload, int rows, ScanMetric metric);

    /** A bulk UPDATE under a statement-level trigger with the given key join ({@code indf} or {@code eq}). */
    double[] statementJoin(String buffer, String join, boolean cpu);

    enum ScanMetric { TIME_MS, CPU_MS, SHARED_HIT }
}
