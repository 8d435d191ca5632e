package dev.pglab.cli.wal;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pglab wal}: decode pgoutput captures and stream logical replication. */
@Command(name = "wal", mixinStandardHelpOptions = true,
        description = "Decode pgoutput (.pgo captures) and consume a live logical replication stream.",
        subcommands = {WalDecodeCommand.class, WalStreamCommand.class, CommandLine.HelpCommand.class})
public final class WalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
