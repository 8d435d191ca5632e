package dev.pglab.cli;

import dev.pglab.reports.ComparePage;
import dev.pglab.replay.ReplayConfig;
import dev.pglab.replay.Speed;
import dev.pglab.replay.compare.CompareReport;
import dev.pglab.replay.compare.CompareSettings;
import dev.pglab.replay.compare.CompareSide;
import dev.pglab.replay.compare.ReplayCompare;
import dev.pglab.replay.compare.ServerSettings;
import dev.pglab.replay.compare.StartingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pglab replay compare}: one capture replayed alternately on A and B, a verdict per query fingerprint. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay one capture alternately on two servers or settings (A B, B A, A B, ...), each replay "
                + "from the same starting state, and say per query fingerprint whether B is SLOWER, FASTER, the SAME "
                + "or INCONCLUSIVE: the median of the per-round ratios of B's p50 to A's must pass an effect floor and a "
                + "one-sided Wilcoxon signed-rank test over the rounds (the A/B timing gate's statistics).",
                "Targets take the forms of --target: embedded (the default: a PostgreSQL started for the side), docker, "
                        + "or a connection string. --a-set/--b-set apply settings with ALTER SYSTEM and a reload; a setting "
                        + "whose context needs a restart is a start-up setting of an embedded side."},
        footer = {"", "Examples:", "  pglab replay compare postgresql.log --b-set enable_indexscan=off,enable_bitmapscan=off --speed max --out cmp/",
                "  pglab replay compare cap.replay --a postgresql://app@old:5432/shop --b postgresql://app@new:5432/shop --reset './restore.sh'"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no fingerprint SLOWER", "1:a fingerprint with enough executions is SLOWER beyond the floor",
                "2:usage error, unreadable capture or unreachable server", "3:partial: a replay did not complete, or errors on one side only",
                "130:interrupted (Ctrl-C)"})
final class ReplayCompareCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "The captured log or .replay file.")
    Path capture;

    @Option(names = "--a", defaultValue = "embedded", paramLabel = "TARGET", description = "Side A (default: ${DEFAULT-VALUE}).")
    String a;

    @Option(names = "--b", defaultValue = "embedded", paramLabel = "TARGET", description = "Side B (default: ${DEFAULT-VALUE}).")
    String b;

    @Option(names = "--a-set", paramLabel = "name=value,...", description = "Settings of side A (repeatable).")
    List<String> aSet = List.of();

    @Option(names = "--b-set", paramLabel = "name=value,...", description = "Settings of side B (repeatable).")
    List<String> bSet = List.of();

    @Option(names = "--aa", description = "A/A noise estimate: B is a second copy of A (same target and settings); "
            + "nothing should come out SLOWER, and each fingerprint's noise shows what change the setup can see.")
    boolean aa;

    @Option(names = "--rounds", paramLabel = "N", description = "A/B rounds (default 8; see the README for why).")
    Integer rounds;

    @Option(names = "--floor", paramLabel = "F", description = "Smallest change worth a verdict (default 0.10 = 10 %%).")
    Double floor;

    @Option(names = "--p", paramLabel = "P", description = "Significance limit of the one-sided test (default 0.01).")
    Double pMax;

    @Option(names = "--min-count", paramLabel = "N", description = "Executions per replay a fingerprint needs for a verdict other than INCONCLUSIVE (default 20).")
    Integer minCount;

    @Option(names = "--speed", defaultValue = "max", paramLabel = "F|max", description = "Pace factor or 'max' (default ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--reset", paramLabel = "'shell command'", description = "Run this before every replay instead of "
            + "restoring the captured databases from a template copy (PGLAB_SIDE=A or B is set).")
    String reset;

    @Option(names = "--format", paramLabel = "stderr|csv|json", description = "Log format (default: from the file).")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "Write compare.json and the page index.html here.")
    Path out;

    @Option(names = "--json", description = "Print compare.json to stdout instead of the table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var stdout = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        CompareSettings settings = CompareSettings.standard();
        ReplayConfig config;
        Map<String, String> aSettings;
        Map<String, String> bSettings;
        try {
            if (rounds != null) {
                settings = settings.withRounds(rounds);
            }
            if (floor != null) {
                settings = settings.withFloor(floor);
            }
            if (pMax != null) {
                settings = settings.withPMax(pMax);
            }
            if (minCount != null) {
                settings = settings.withMinCount(minCount);
            }
            config = ReplayConfig.defaults().withSpeed(Speed.parse(speed));
            aSettings = ServerSettings.parse(aSet, "--a-set");
            bSettings = aa ? aSettings : ServerSettings.parse(bSet, "--b-set");
            if (aa && (!bSet.isEmpty() || !b.equals("embedded"))) {
                throw new IllegalArgumentException("--aa compares A with itself: drop --b and --b-set");
            }
            if (!Files.isReadable(capture)) {
                throw new IllegalArgumentException(capture + ": cannot read the capture");
            }
        } catch (IllegalArgumentException e) {
            err.println("pglab replay compare: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
        if (settings.smallestP() >= settings.pMax()) {
            err.printf("pglab replay compare: note: with %d rounds the test's smallest p is %s, not below %s: nothing can be SLOWER%n",
                    settings.rounds(), dev.pglab.harness.text.Human.num(settings.smallestP()), dev.pglab.harness.text.Human.num(settings.pMax()));
        }
        StartingState state = reset != null ? new StartingState.Command(reset)
                : new StartingState.TemplateDatabases(ReplayCompare.capturedDatabases(capture, Optional.ofNullable(format)));
        ReplayCompare compare = new ReplayCompare(capture, Optional.ofNullable(format), config, settings, line -> {
            err.println("pglab replay compare: " + line);
            err.flush();
        });
        java.util.concurrent.CountDownLatch reported = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            compare.stop();
            try {
                reported.await(15, java.util.concurrent.TimeUnit.SECONDS); // let the rounds done so far be reported
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "pglab-compare-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        CompareReport report;
        try (CompareSide sideA = side("A", a, aSettings);
             CompareSide sideB = aa && !a.equals("embedded") ? null : side("B", aa ? a : b, bSettings)) {
            report = compare.run(sideA, sideB == null ? sideA : sideB, state);
        } catch (IllegalArgumentException e) {
            release(hook, reported);
            err.println("pglab replay compare: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        } catch (Exception e) {
            release(hook, reported);
            throw e;
        }
        try {
            if (out != null) {
                report.write(out);
                ComparePage.write(out);
                err.println("pglab replay compare: written to " + out.toAbsolutePath());
            }
            stdout.print(json ? report.json() + System.lineSeparator() : report.table());
            stdout.flush();
        } finally {
            release(hook, reported);
        }
        if (report.stopped()) {
            return ExitCodes.INTERRUPTED;
        }
        if (!report.slower().isEmpty()) {
            return ExitCodes.BAD_VERDICT;
        }
        return report.partial() ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    private static void release(Thread hook, java.util.concurrent.CountDownLatch reported) {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and waited for the report
        }
    }

    /** A side from a --target value, through the one connection-option parser. */
    private static CompareSide side(String label, String target, Map<String, String> settings) throws Exception {
        ConnectionOptions opts = new ConnectionOptions();
        opts.aliasTarget(target);
        return switch (opts.resolve()) {
            case ConnectionOptions.Target.Embedded e -> CompareSide.embedded(label, settings);
            case ConnectionOptions.Target.Docker d -> throw new IllegalArgumentException(
                    "--" + label.toLowerCase(java.util.Locale.ROOT) + " docker: not supported by compare; use embedded or a connection string");
            case ConnectionOptions.Target.Server s -> CompareSide.server(label, s.info(), settings);
        };
    }
}
