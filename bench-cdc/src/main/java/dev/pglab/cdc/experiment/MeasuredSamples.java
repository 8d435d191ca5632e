package dev.pglab.cdc.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link ExperimentSamples} collected by {@link CdcExperiment}: one value per round, by key. */
final class MeasuredSamples implements ExperimentSamples {
    private final Map<String, List<Double>> values = new HashMap<>();
    private final Map<String, ScanRounds> scans = new HashMap<>();

    void add(String key, double value) {
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    void scans(Workload w, int rows, ScanRounds rounds) {
        scans.put(w.id() + "/" + rows, rounds);
    }

    static String bulkKey(String trigger, int cols, int rows, boolean cpu) {
        return "bulk/" + trigger + "/" + cols + "/" + rows + (cpu ? "/cpu" : "");
    }

    static String oltpKey(String trigger, int cols, boolean cpu) {
        return "oltp/" + trigger + "/" + cols + (cpu ? "/cpu" : "");
    }

    static String joinKey(String buffer, String join, boolean cpu) {
        return "join/" + buffer + "/" + join + (cpu ? "/cpu" : "");
    }

    private double[] get(String key) {
        return values.getOrDefault(key, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public double[] bulkWrite(String trigger, int cols, int rows, boolean cpu) {
        return get(bulkKey(trigger, cols, rows, cpu));
    }

    @Override
    public double[] oltpWrite(String trigger, int cols, boolean cpu) {
        return get(oltpKey(trigger, cols, cpu));
    }

    @Override
    public double[] scan(String variant, Workload workload, int rows, ScanMetric metric) {
        ScanRounds r = scans.get(workload.id() + "/" + rows);
        return r == null ? new double[0] : r.roundMedians(variant, metric);
    }

    @Override
    public double[] statementJoin(String buffer, String join, boolean cpu) {
        return get(joinKey(buffer, join, cpu));
    }
}
