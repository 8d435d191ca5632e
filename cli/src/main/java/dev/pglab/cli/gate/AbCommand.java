package dev.pglab.cli.gate;

import dev.pglab.ci.GateMarkdown;
import dev.pglab.ci.GateOptions;
import dev.pglab.ci.GateReport;
import dev.pglab.ci.GateRun;
import dev.pglab.ci.ab.AbRequest;
import dev.pglab.ci.ab.AbSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pglab gate ab}: the hard timing gate, interleaved A/B in this job. */
@Command(name = "ab", mixinStandardHelpOptions = true,
        description = {"Build the base revision in a git worktree and the working tree, then alternate single forks "
                + "of the sentinel benchmarks (AB, BA, ...) for up to 8 rounds. REGRESSION only when the median round "
                + "ratio exceeds max(10 %%, 3 x A/A noise), the one-sided Wilcoxon signed-rank p < 0.01, and one "
                + "automatic rerun of the flagged keys agrees. Also gates bytes/op between the two builds.",
                "Base: --base REV, or the merge-base of HEAD and --target BRANCH, or else HEAD~1. Only the sentinels of "
                + "modules the change touches run (the reactor's dependencies over git diff --name-only base); a key "
                + "stops once its evidence decides it; --time-budget bounds the whole run, builds included.",
                "Sentinels: each bench module's pom (pglab.ab.sentinels) and the \"sentinels\" lists of "
                + "ci/baselines/<fingerprint>/*.json for this machine; --sentinels REGEX keeps the matching ones.",
                "Prints, per sentinel, the smallest slowdown its run could have detected. A run that gates nothing "
                + "says why.",
                "Exit 0: no regression; 1: REGRESSION; 2: unreadable input or a build/run failure."})
public final class AbCommand implements Callable<Integer> {
    @ParentCommand
    GateCommand gate;

    @Option(names = "--base", description = "Base revision (a SHA, HEAD~1, origin/main, ...).")
    String base;

    @Option(names = "--target", description = "Target branch: the base is the merge-base of HEAD and it (as a pull "
            + "request's job uses). Tries origin/<branch> too.")
    String target;

    @Option(names = "--all-sentinels", description = "Run every sentinel, even those of modules the change does not touch.")
    boolean allSentinels;

    @Option(names = "--calibrate", description = "A/A instead: the working tree on both sides; writes each sentinel's "
            + "noise (MAD of per-round log ratios, T = max(10 %%, 3 x noise)) into this fingerprint's baselines. With "
            + "--inject: the power table instead (--trials trials; in each, base, A/A and every injected slowdown run in the "
            + "same rounds, one base fork per round serving every comparison; prints its plan and an estimate first).")
    boolean calibrate;

    @Option(names = "--inject", description = "With --calibrate: slowdowns injected into the head side's forks "
            + "(-Dpglab.ab.slowdown, CPU time only), e.g. 0.10,0.20,0.50.")
    String inject;

    @Option(names = "--trials", defaultValue = "5", description = "With --inject: independent trials, each an A/B of "
            + "every level, A/A included (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--sentinels", description = "Regex over key ids (bench|params|mode) choosing the keys to run.")
    String sentinels;

    @Option(names = "--rounds", defaultValue = "8", description = "Most rounds per key (default ${DEFAULT-VALUE}; 7+ can "
            + "reach p < 0.01).")
    int rounds;

    @Option(names = "--fixed-rounds", description = "Run every round for every key (no early stop once decided).")
    boolean fixedRounds;

    @Option(names = "--warmup", defaultValue = "3x1000", description = "Warm-up iterations x milliseconds per fork "
            + "(default ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--measure", defaultValue = "5x1000", description = "Measurement iterations x milliseconds per fork "
            + "(default ${DEFAULT-VALUE}).")
    String measure;

    @Option(names = "--time-budget", description = "Bound the whole A/B run, builds included, e.g. 11m or 600s: no "
            + "round starts that would end past it; keys left open are INCONCLUSIVE. Default: none.")
    String timeBudget;

    @Option(names = "--format", defaultValue = "text", description = "text | markdown: markdown prints the verdict table "
            + "as a pull-request comment shows it (progress goes to stderr). gate.md is written either way.")
    String format;

    @Override
    public Integer call() throws Exception {
        int[] w = GateCommand.iterations("--warmup", warmup);
        int[] m = GateCommand.iterations("--measure", measure);
        AbSettings s = AbSettings.standard().withTiming(w[0], Duration.ofMillis(w[1]), m[0], Duration.ofMillis(m[1]))
                .withRounds(rounds);
        if (fixedRounds) {
            s = s.fixedRounds();
        }
        if (timeBudget != null) {
            s = s.withTimeBudget(parseDuration(timeBudget));
        }
        List<Double> levels = inject == null ? List.of() : AbRequest.parseLevels(inject);
        if (!levels.isEmpty() && !calibrate) {
            throw new IllegalArgumentException("--inject needs --calibrate: injected slowdowns are for calibration only");
        }
        GateOptions o = gate.options().withAb(s).with(calibrate ? "calibrate" : "ab", "compare", base, sentinels, "off");
        boolean markdown = GateCommand.markdown(format);
        PrintStream progress = markdown ? System.err : System.out;
        GateReport report = new GateRun(o, new AbRequest(target, allSentinels, levels, trials), progress).run();
        if (markdown) {
            System.out.print(GateMarkdown.render(report));
        }
        return report.exitCode();
    }

    /** {@code 11m}, {@code 600s}, {@code 1h}, or an ISO-8601 duration. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d+[smh]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--time-budget " + text + ": expected e.g. 11m, 600s or PT11M");
        }
    }
}
