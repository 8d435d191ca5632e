package dev.pglab.cli.cdc;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pglab cdc}: the pg_trickle change-buffer experiment. */
@Command(name = "cdc", mixinStandardHelpOptions = true,
        description = "The pg_trickle change-buffer experiment: WIDE vs D+I buffers, triggers and delta scans, "
                + "judged against the v0.43 roadmap.",
        subcommands = {CdcRunCommand.class, CommandLine.HelpCommand.class})
public final class CdcCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
