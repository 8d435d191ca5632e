package dev.pglab.cdc.experiment;

import dev.pglab.cdc.CdcException;
import dev.pglab.cdc.Jdbc;
import dev.pglab.cdc.Sql;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A schema the experiment creates under a fresh random name ({@code CREATE SCHEMA} without IF NOT EXISTS, so it
 * never adopts an existing one) and drops with everything in it. Nothing else is ever dropped. {@link
 * #abort()} is for Ctrl-C: from a new session it cancels the working session's statement, then drops.
 */
public final class ScratchSchema implements AutoCloseable {

    /** Opens a new session to the same server and database. */
    @FunctionalInterface
    public interface Sessions {
        Connection open() throws SQLException;
    }

    private final String name;
    private final Sessions sessions;
    private final long workerPid;
    private final AtomicBoolean dropped = new AtomicBoolean();

    private ScratchSchema(String name, Sessions sessions, long workerPid) {
        this.name = name;
        this.sessions = sessions;
        this.workerPid = workerPid;
    }

    /** Creates the schema through the working session {@code worker}. */
    public static ScratchSchema create(Connection worker, Sessions sessions) {
        byte[] random = new byte[5];
        new SecureRandom().nextBytes(random);
        String name = "pglab_cdc_" + HexFormat.of().formatHex(random);
        Jdbc.run(worker, "CREATE SCHEMA " + Sql.ident(name));
        return new ScratchSchema(name, sessions, Jdbc.queryLong(worker, "SELECT pg_backend_pid()"));
    }

    public String name() {
        return name;
    }

    /** Cancels whatever the working session runs, then drops the schema from a new session. */
    public void abort() {
        if (dropped.get()) {
            return;
        }
        try (Connection c = sessions.open()) {
            Jdbc.queryString(c, "SELECT pg_cancel_backend(" + workerPid + ")");
            dropWith(c);
        } catch (SQLException e) {
            throw new CdcException("could not drop scratch schema " + name + " after an interrupt: " + e.getMessage()
                    + "; drop it by hand: DROP SCHEMA " + Sql.ident(name) + " CASCADE", e);
        }
    }

    private void dropWith(Connection c) {
        if (dropped.compareAndSet(false, true)) {
            Jdbc.run(c, "DROP SCHEMA IF EXISTS " + Sql.ident(name) + " CASCADE");
        }
    }

    /** Drops the schema from a new session (the working one may be in an aborted state). */
    @Override
    public void close() {
        if (dropped.get()) {
            return;
        }
        try (Connection c = sessions.open()) {
            dropWith(c);
        } catch (SQLException e) {
            throw new CdcException("could not drop scratch schema " + name + ": " + e.getMessage()
                    + "; drop it by hand: DROP SCHEMA " + Sql.ident(name) + " CASCADE", e);
        }
    }
}
