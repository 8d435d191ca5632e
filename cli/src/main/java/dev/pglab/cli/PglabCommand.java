package dev.pglab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pglab} command: one subcommand per engine. */
@Command(name = "pglab", versionProvider = PglabVersion.class,
        description = "A JMH-centred PostgreSQL performance lab: parse and replay server logs, trace sessions, "
                + "decode logical replication, run the change-buffer experiment, gate and report results.",
        subcommands = {
                ServerCommand.class,
                ParseCommand.class,
                ReplayCommand.class,
                TraceCommand.class,
                dev.pglab.cli.wal.WalCommand.class,
                dev.pglab.cli.cdc.CdcCommand.class,
                dev.pglab.cli.gate.GateCommand.class,
                ReportCommand.class,
                CommandLine.HelpCommand.class
        })
public final class PglabCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        return CliSetup.configure(new CommandLine(new PglabCommand()).setCaseInsensitiveEnumValuesAllowed(true));
    }
}
