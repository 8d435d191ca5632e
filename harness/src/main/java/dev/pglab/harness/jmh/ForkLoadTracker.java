package dev.pglab.harness.jmh;

import dev.pglab.harness.measure.LoadGuard;
import dev.pglab.harness.measure.LoadSample;
import dev.pglab.harness.result.ForkLoad;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * Wraps JMH's console output and samples machine load when each fork starts (its first iteration) and ends
 * (its last measurement iteration). JMH has no fork callback; iteration 1 of the first phase marks one.
 */
final class ForkLoadTracker implements OutputFormat {
    private final OutputFormat delegate;
    private final LoadGuard guard;
    private final List<ForkLoad> forks = new ArrayList<>();
    private final Map<String, Integer> forkCounts = new java.util.HashMap<>();
    private LoadSample forkStart;

    ForkLoadTracker(OutputFormat delegate, LoadGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    List<ForkLoad> forks() {
        return List.copyOf(forks);
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        boolean firstPhase = params.getType() == IterationType.WARMUP || benchParams.getWarmup().getCount() == 0;
        if (iteration == 1 && firstPhase) {
            forkStart = LoadSample.now();
        }
        delegate.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        if (params.getType() == IterationType.MEASUREMENT && iteration == params.getCount() && forkStart != null) {
            LoadSample end = LoadSample.now();
            Map<String, String> p = new TreeMap<>();
            for (String key : benchParams.getParamsKeys()) {
                p.put(key, benchParams.getParam(key));
            }
            String key = benchParams.id();
            int fork = forkCounts.merge(key, 1, Integer::sum);
            forks.add(new ForkLoad(benchParams.getBenchmark(), p, fork, forkStart.loadPerCore(), end.loadPerCore(),
                    LoadSample.stealBetween(forkStart, end), guard.clean(forkStart, end)));
            forkStart = null;
        }
        delegate.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startBenchmark(BenchmarkParams benchParams) {
        delegate.startBenchmark(benchParams);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        delegate.endBenchmark(result);
    }

    @Override
    public void startRun() {
        delegate.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        delegate.endRun(result);
    }

    @Override
    public void print(String s) {
        delegate.print(s);
    }

    @Override
    public void println(String s) {
        delegate.println(s);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void verbosePrintln(String s) {
        delegate.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        delegate.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        delegate.write(b);
    }
}
