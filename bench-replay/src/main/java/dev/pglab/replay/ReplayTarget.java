package dev.pglab.replay;

import java.sql.Connection;
import java.sql.SQLException;

/** Where replayed sessions connect. Implementations are thread-safe: every session connects on its own thread. */
public interface ReplayTarget extends AutoCloseable {

    /**
     * A new connection as {@code user} to {@code database} (names already mapped), set up for replay: autocommit,
     * simple protocol for plain statements, extended protocol for prepared ones.
     */
    Connection connect(String user, String database) throws SQLException;

    /** For reports and messages, without any password. */
    String describe();

    @Override
    default void close() {
    }
}
