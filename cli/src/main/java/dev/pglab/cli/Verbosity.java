package dev.pglab.cli;

import java.util.List;
import picocli.CommandLine.ParseResult;

/**
 * Quiet by default: third-party libraries (zonky, PgJDBC, Testcontainers) log at INFO through slf4j-simple, so the
 * command line raises the threshold to WARN before any logger exists, unless {@code -v/--verbose} or
 * {@code PGLAB_DEBUG=1} asks for everything.
 */
public final class Verbosity {
    static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Verbosity() {
    }

    /** Must run before the first LoggerFactory call: slf4j-simple reads its level once. */
    static void configureLogging(List<String> args) {
        if (System.getProperty(LEVEL) != null) {
            return; // the user chose with -Dorg.slf4j.simpleLogger.defaultLogLevel
        }
        boolean loud = verbose(args) || debug();
        System.setProperty(LEVEL, loud ? "info" : "warn");
        if (!loud) {
            // zonky logs the server's own output and, when the server died first, a pg_ctl stop stack trace:
            // pglab reports what matters of both itself
            System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "off");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    static boolean verbose(List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (a.equals("-v") || a.equals("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static boolean debug() {
        return "1".equals(System.getenv("PGLAB_DEBUG"));
    }

    /**
     * Progress lines are for people: on when stderr is a terminal (or asked for), off in pipes and CI logs.
     * JDK 22+ has Console.isTerminal(); on 21 a console exists only for a terminal.
     */
    public static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
