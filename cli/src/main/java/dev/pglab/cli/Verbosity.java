package dev.pglab.cli;

import picocli.CommandLine.ParseResult;

/**
 * Quiet by default: third-party libraries (zonky, PgJDBC) log at INFO through slf4j-simple; the jar's
 * {@code simplelogger.properties} raises the threshold to WARN. {@code -v/--verbose} or {@code PGLAB_DEBUG=1} asks
 * for everything: the launcher turns them into slf4j-simple's system properties on the java command line (slf4j-simple
 * reads its configuration once, before any command runs, and pglab sets no system property itself).
 */
public final class Verbosity {
    private Verbosity() {
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
