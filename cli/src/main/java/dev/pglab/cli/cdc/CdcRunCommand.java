package dev.pglab.cli.cdc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.cdc.CdcException;
import dev.pglab.cdc.Jdbc;
import dev.pglab.cdc.experiment.CdcExperiment;
import dev.pglab.cdc.experiment.ExperimentPlan;
import dev.pglab.cdc.experiment.ScratchSchema;
import dev.pglab.cdc.experiment.ServerRights;
import dev.pglab.cdc.experiment.ExperimentReport;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pglab cdc run}: runs the experiment against a server in a scratch schema it creates and always drops
 * (also on failure and Ctrl-C), prints the verdict table or its JSON.
 */
@Command(name = "run",
        description = {"Run the change-buffer experiment against a server and print the verdicts against the "
                + "pg_trickle v0.43 roadmap (write path, scan, multi-change, shared hits, statement-trigger join).",
                "Works in a scratch schema pglab_cdc_<random> that it drops at the end, on failure and on Ctrl-C; "
                        + "never touches other schemas. Needs CREATE on the database.",
                "Without -h/-p/-d/--target (and PGHOST/PGPORT unset) it runs on an embedded PostgreSQL started here."},
        footer = {"", "Examples:", "  pglab cdc run --json",
                "  pglab cdc run -h localhost -p 5432 -U me -d scratch --cols 50 --rows 10000",
                "  pglab cdc run -d postgresql://me@db.example/scratch"})
public final class CdcRunCommand implements Callable<Integer> {

    @CommandLine.Mixin
    dev.pglab.cli.ConnectionOptions connection = new dev.pglab.cli.ConnectionOptions();

    @Option(names = {"-W", "--password"}, description = "Prompt for the password (as psql -W; else the connection "
            + "string, $PGPASSWORD or .pgpass).", arity = "0..1", interactive = true)
    String password;

    @Option(names = "--cols", split = ",", defaultValue = "5,20,50", paramLabel = "N",
            description = "Source table widths for the write path; the scans use the widest (default: ${DEFAULT-VALUE}).")
    List<Integer> cols;

    @Option(names = "--rows", split = ",", defaultValue = "1000,10000", paramLabel = "N",
            description = "Rows per bulk UPDATE and buffered rows per scan (default: ${DEFAULT-VALUE}).")
    List<Integer> rows;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Independent rounds per measurement, variants taking turns in each (default: ${DEFAULT-VALUE}; "
                    + "2 or more give intervals and verdicts).")
    int rounds;

    @Option(names = "--oltp-updates", defaultValue = "300",
            description = "Single-row UPDATEs per variant per round (default: ${DEFAULT-VALUE}).")
    int oltpUpdates;

    @Option(names = "--scan-runs", defaultValue = "3", description = "Scans per variant per round (default: ${DEFAULT-VALUE}).")
    int scanRuns;

    @Option(names = "--json", description = "Print the verdicts as JSON instead of a table.")
    boolean json;

    @Option(names = "--progress", description = "Print each step to stderr (default: only when stderr is a terminal).")
    boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ExperimentPlan plan;
        try {
            plan = new ExperimentPlan(cols, rows, rounds, oltpUpdates, scanRuns);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        dev.pglab.cli.ConnectionOptions.Target where = connection.resolve();
        dev.pglab.harness.pg.ConnInfo info = where instanceof dev.pglab.cli.ConnectionOptions.Target.Server s
                ? s.info() : null;
        PgServer embedded = info == null ? dev.pglab.cli.Servers.start(where) : null;
        ScratchSchema.Sessions sessions = embedded != null ? embedded::connect : () -> connect(info);
        long started = System.nanoTime();
        try (Connection c = sessions.open()) {
            c.setAutoCommit(true);
            ServerRights.require(c);
            String version = Jdbc.queryString(c, "SELECT version()");
            ScratchSchema scratch = ScratchSchema.create(c, sessions);
            err.println("pglab cdc: working in scratch schema " + scratch.name() + " on " + version);
            err.flush();
            java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
            Thread onInterrupt = new Thread(() -> {
                stopping.set(true); // the JVM is shutting down (Ctrl-C): the hook can no longer be removed
                err.println("pglab cdc: interrupted, dropping " + scratch.name());
                err.flush();
                scratch.abort();
                if (embedded != null) {
                    embedded.close();
                }
            }, "pglab-cdc-cleanup");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            ExperimentReport table;
            try {
                boolean showSteps = progress || dev.pglab.cli.Verbosity.terminal();
                table = CdcExperiment.run(c, scratch.name(), plan, step -> {
                    if (showSteps) {
                        err.printf("pglab cdc: [%5.1fs] %s%n", (System.nanoTime() - started) / 1e9, step);
                        err.flush();
                    }
                });
            } catch (CdcException e) {
                if (stopping.get()) {
                    err.println("pglab cdc: stopped by interrupt");
                    return 130;
                }
                throw e;
            } finally {
                scratch.close();
                if (!stopping.get()) {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                }
                err.println("pglab cdc: dropped " + scratch.name());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("schema", "pglab-cdc-run/1");
                root.put("target", embedded != null ? "embedded" : info.describe());
                root.put("server", version);
                ObjectNode p = root.putObject("plan");
                p.putPOJO("cols", plan.cols());
                p.putPOJO("rows", plan.rows());
                p.put("rounds", plan.rounds());
                p.put("oltpUpdates", plan.oltpUpdates());
                p.put("scanRuns", plan.scanRuns());
                root.setAll(table.toJson());
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
            } else {
                out.print(table.render());
            }
            out.flush();
            return 0;
        } catch (CdcException e) {
            err.println("pglab cdc: " + e.getMessage());
            return 2;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private Connection connect(dev.pglab.harness.pg.ConnInfo info) throws SQLException {
        Properties props = info.properties();
        if (password != null) {
            props.setProperty("password", password);
        }
        try {
            return DriverManager.getConnection(info.jdbcUrl(), props);
        } catch (SQLException e) {
            throw new SQLException("cannot connect to " + info.describe() + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }
}
