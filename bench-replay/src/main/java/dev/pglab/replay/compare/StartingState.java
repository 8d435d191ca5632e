package dev.pglab.replay.compare;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** How every replay of a compare starts from the same data: a template database per captured database, or a user's command. */
public sealed interface StartingState {

    /** Once per side, before its first replay. */
    void prepare(CompareSide side) throws SQLException, IOException, InterruptedException;

    /** Before each replay. */
    void reset(CompareSide side) throws SQLException, IOException, InterruptedException;

    /** After the last replay of a side. */
    default void finish(CompareSide side) throws SQLException {
    }

    /**
     * The captured databases as they stand before the first replay are copied to {@code NAME__pglab_start}; each
     * replay gets a fresh {@code CREATE DATABASE NAME TEMPLATE NAME__pglab_start}, so what one replay wrote never
     * reaches the next.
     *
     * @param databases captured database -> the user whose session first used it (its owner when pglab creates it)
     */
    record TemplateDatabases(Map<String, String> databases) implements StartingState {
        static final String SUFFIX = "__pglab_start";

        @Override
        public void prepare(CompareSide side) throws SQLException {
            for (var e : databases.entrySet()) {
                side.provision(e.getValue(), e.getKey());
            }
            try (Connection c = side.admin().connect(adminDatabase()); Statement st = c.createStatement()) {
                for (String db : databases.keySet()) {
                    st.execute("drop database if exists " + ident(db + SUFFIX));
                    st.execute("create database " + ident(db + SUFFIX) + " template " + ident(db));
                }
            }
        }

        @Override
        public void reset(CompareSide side) throws SQLException {
            try (Connection c = side.admin().connect(adminDatabase()); Statement st = c.createStatement()) {
                for (var e : databases.entrySet()) {
                    String owner;
                    try (var rs = st.executeQuery("select pg_get_userbyid(datdba) from pg_database where datname = "
                            + ServerSettings.literal(e.getKey() + SUFFIX))) {
                        owner = rs.next() ? rs.getString(1) : e.getValue();
                    }
                    st.execute("drop database if exists " + ident(e.getKey()) + " with (force)");
                    st.execute("create database " + ident(e.getKey()) + " template " + ident(e.getKey() + SUFFIX)
                            + " owner " + ident(owner));
                }
            }
        }

        /** Puts the databases back as they were before the first replay, then drops the copies. */
        @Override
        public void finish(CompareSide side) throws SQLException {
            reset(side);
            try (Connection c = side.admin().connect(adminDatabase()); Statement st = c.createStatement()) {
                for (String db : databases.keySet()) {
                    st.execute("drop database if exists " + ident(db + SUFFIX));
                }
            }
        }

        /** Connected elsewhere than any database being dropped. */
        private String adminDatabase() {
            return databases.containsKey("postgres") ? "template1" : "postgres";
        }

        private static String ident(String name) {
            return '"' + name.replace("\"", "\"\"") + '"';
        }
    }

    /** A user's shell command (run with PGLAB_SIDE=A or B); it must exit 0. */
    record Command(String shell) implements StartingState {
        @Override
        public void prepare(CompareSide side) {
        }

        @Override
        public void reset(CompareSide side) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", shell).inheritIO();
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("PGLAB_SIDE", side.label());
            int code = pb.start().waitFor();
            if (code != 0) {
                throw new IOException("--reset '" + shell + "' exited with " + code + " before a replay on " + side.label());
            }
        }
    }
}
