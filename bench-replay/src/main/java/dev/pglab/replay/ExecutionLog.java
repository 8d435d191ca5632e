package dev.pglab.replay;

import dev.pglab.parser.sql.SqlFingerprint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Every execution as one CSV line ({@code executions.csv} in the report directory): session, kind, due, start
 * and end in milliseconds from the replay start, rows, SQLSTATE (empty when it succeeded), fingerprint.
 */
public final class ExecutionLog implements ExecutionListener, AutoCloseable {
    private final BufferedWriter out;
    private final Replay replay;

    public ExecutionLog(Path file, Replay replay) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.replay = replay;
        out.write("session,kind,due_ms,start_ms,end_ms,rows,sqlstate,fingerprint\n");
    }

    @Override
    public void executed(Execution e) {
        long zero = replay.startNanos();
        String line = String.format(Locale.ROOT, "%s,%s,%.3f,%.3f,%.3f,%d,%s,%s%n", csv(e.sessionId()),
                e.kind() == Execution.Kind.STATEMENT ? "statement" : "execute", (e.dueNanos() - zero) / 1e6,
                (e.startNanos() - zero) / 1e6, (e.endNanos() - zero) / 1e6, e.rows(),
                e.sqlState() == null ? "" : e.sqlState(), csv(SqlFingerprint.of(e.sql())));
        synchronized (out) {
            try {
                out.write(line);
            } catch (IOException x) {
                throw new UncheckedIOException("cannot write the execution log", x);
            }
        }
    }

    private static String csv(String s) {
        return s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 ? s : '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        synchronized (out) {
            out.close();
        }
    }
}
