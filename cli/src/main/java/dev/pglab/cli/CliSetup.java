package dev.pglab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What every pglab command shares, applied once to the whole command tree: help on {@code -?}/{@code --help}
 * (as psql and pgbench; {@code -h} is the host), {@code -v/--verbose}, the exit-code footer, and the one
 * failure handler. Commands added later get the same by being in the tree.
 */
final class CliSetup {
    private CliSetup() {
    }

    static CommandLine configure(CommandLine root) {
        apply(root, true);
        root.setExecutionExceptionHandler(new FailureHandler(Verbosity.debug()));
        // a usage error: one line and where to look, as psql does, not the whole help
        root.setParameterExceptionHandler((ex, args) -> {
            CommandLine cl = ex.getCommandLine();
            java.io.PrintWriter err = cl.getErr();
            err.println(cl.getCommandSpec().qualifiedName() + ": " + dev.pglab.harness.pg.Redaction.redact(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.USAGE_OR_INPUT;
        });
        root.setUsageHelpWidth(110);
        return root;
    }

    private static void apply(CommandLine cl, boolean isRoot) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.mixinStandardHelpOptions()) {
            spec.mixinStandardHelpOptions(false); // drops -h (the host) and -V
        }
        if (spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-?", "--help").usageHelp(true)
                    .description("Show this help and exit.").build());
        }
        if (spec.findOption("--verbose") == null) {
            spec.addOption(OptionSpec.builder("-v", "--verbose").arity("0")
                    .description("Show library log lines and stack traces of failures (also PGLAB_DEBUG=1).").build());
        }
        if (isRoot && spec.findOption("--version") == null) {
            spec.addOption(OptionSpec.builder("--version").versionHelp(true).description("Print the version and exit.").build());
        }
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.help());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().parent() == spec) {
                apply(sub, false);
            }
        }
    }
}
