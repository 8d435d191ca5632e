package dev.pglab.cli.gate;

import dev.pglab.ci.GateOptions;
import dev.pglab.ci.GateRun;
import dev.pglab.ci.ab.AbSettings;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pglab gate ab --base REV}: the hard timing gate, interleaved A/B in this job. */
@Command(name = "ab", mixinStandardHelpOptions = true,
        description = {"Build the base revision in a git worktree and the working tree, then alternate single forks "
                + "of the sentinel benchmarks (AB, BA, ...) for 8 rounds. REGRESSION only when the median round "
                + "ratio exceeds max(10 %%, 3 x A/A noise), the one-sided Wilcoxon signed-rank p < 0.01, and one "
                + "automatic rerun of the flagged keys agrees. Also gates bytes/op between the two builds.",
                "Sentinels: the \"sentinels\" lists of ci/baselines/<fingerprint>/*.json, or --sentinels REGEX over "
                + "the key ids of the current result files."})
public final class AbCommand implements Callable<Integer> {
    @ParentCommand
    GateCommand gate;

    @Option(names = "--base", description = "Base revision (e.g. origin/main, a SHA, HEAD~1; default origin/main or main).")
    String base;

    @Option(names = "--calibrate", description = "A/A instead: the working tree on both sides; writes each sentinel's "
            + "noise (MAD of per-round log ratios, T = max(10 %%, 3 x noise)) into this fingerprint's baselines.")
    boolean calibrate;

    @Option(names = "--sentinels", description = "Regex over key ids (bench|params|mode) choosing the keys to run.")
    String sentinels;

    @Option(names = "--rounds", defaultValue = "8", description = "Rounds (default ${DEFAULT-VALUE}; 7+ can reach p < 0.01).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "3x1000", description = "Warm-up iterations x milliseconds per fork "
            + "(default ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--measure", defaultValue = "5x1000", description = "Measurement iterations x milliseconds per fork "
            + "(default ${DEFAULT-VALUE}).")
    String measure;

    @Override
    public Integer call() throws Exception {
        String[] w = warmup.split("x");
        String[] m = measure.split("x");
        AbSettings s = AbSettings.standard().withTiming(Integer.parseInt(w[0]), Duration.ofMillis(Long.parseLong(w[1])),
                Integer.parseInt(m[0]), Duration.ofMillis(Long.parseLong(m[1])));
        s = new AbSettings(rounds, s.warmupIterations(), s.warmup(), s.iterations(), s.measurement(), s.pMax(),
                s.minThreshold(), s.confidence(), s.guard(), s.ignoreJmhLock());
        GateOptions o = gate.options().withAb(s).with(calibrate ? "calibrate" : "ab", "compare", base, sentinels, "off");
        return new GateRun(o, System.out).run().exitCode();
    }
}
