package dev.pglab.cli;

import dev.pglab.reports.TracePage;
import dev.pglab.trace.TraceProfile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pglab trace ...}: work with 10046-style session traces. */
@Command(name = "trace",
        description = "Session traces in Oracle 10046 style (SQL, binds, per-execution time and rows, buffers, plans,"
                + " sampled waits), written by `pglab replay ... --trace DIR` or the JDBC tracer.",
        subcommands = {TraceCommand.Report.class, CommandLine.HelpCommand.class})
public final class TraceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** tkprof for pglab traces. */
    @Command(name = "report",
            description = "Summarise a trace directory like tkprof: per normalised statement calls, elapsed, server"
                    + " time, rows, buffers and waits by total time; per session time in calls vs between calls;"
                    + " and pg_stat_statements' totals beside the trace's when the run saved them. --html also writes"
                    + " the same tables with wait-time charts as one self-contained HTML page (inline SVG, no network).")
    static final class Report implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR|FILE", description = "A trace directory (*.trace.jsonl files, as"
                + " replay --trace writes), a directory with a saved trace-profile.json (target/pglab/traces/NAME),"
                + " or that file.")
        Path dir;

        @Option(names = "--json", description = "Print the summary as JSON (stable field order, for diffing; schema"
                + " pglab-trace-profile/1, the form the HTML report reads).")
        boolean json;

        @Option(names = "--html", paramLabel = "FILE", description = "Also write the profile as an HTML page: statement"
                + " and session tables and wait-time charts (self-contained, opens from disk).")
        Path html;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            TraceProfile profile;
            try {
                profile = TraceLayouts.read(dir);
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println("pglab trace report: " + e.getMessage());
                return 2;
            }
            if (json) {
                out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(profile.toJson()));
            } else {
                out.print(profile.toText());
            }
            if (html != null) {
                System.setProperty("java.awt.headless", "true");
                Path page = TracePage.write(profile.toJson(), html);
                (json ? spec.commandLine().getErr() : out).println("pglab trace report: HTML written to " + page);
            }
            out.flush();
            return 0;
        }
    }
}
