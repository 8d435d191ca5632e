package dev.pglab.cli;

import dev.pglab.harness.pg.PgServerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One exit-code contract for every command; each command's --help shows it and README repeats it. */
public final class ExitCodes {
    /** The job was done and all is well. */
    public static final int OK = 0;
    /** The job was done and its verdict is bad (a REGRESSION, a SLOWER query). */
    public static final int BAD_VERDICT = 1;
    /** Usage error, unreadable input, or a server that could not be reached: nothing (useful) ran. */
    public static final int USAGE_OR_INPUT = 2;
    /** Done, but partly: malformed input was skipped, or some sessions or statements failed. */
    public static final int PARTIAL = 3;
    /** Stopped by Ctrl-C (SIGINT). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** The footer every --help ends with. */
    static Map<String, String> help() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0", "success");
        m.put("1", "done, and the verdict is bad (REGRESSION, SLOWER)");
        m.put("2", "usage error, unreadable input or unreachable server (nothing ran)");
        m.put("3", "partial: malformed input skipped, or sessions/statements failed");
        m.put("130", "interrupted (Ctrl-C)");
        return m;
    }

    /** The code for a failure that reached the command line. */
    static int of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return INTERRUPTED;
            }
        }
        return switch (e) {
            case IOException io -> USAGE_OR_INPUT;
            case UncheckedIOException io -> USAGE_OR_INPUT;
            case SQLException sql -> USAGE_OR_INPUT;
            case PgServerException pg -> USAGE_OR_INPUT;
            default -> USAGE_OR_INPUT; // every other failure a user can cause is bad input too; never 0
        };
    }
}
