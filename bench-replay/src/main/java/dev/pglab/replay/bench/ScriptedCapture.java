package dev.pglab.replay.bench;

import dev.pglab.parser.LogTimestamp;
import dev.pglab.parser.ReplayItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Replay items written by hand, as a capture would have logged them: sessions with timed connects, statements,
 * executes and disconnects (milliseconds from the capture's start). {@link #items()} returns them in log order.
 * For tests and benchmarks that need exact, known input; real captures come from fixtures' LogCapture.
 */
public final class ScriptedCapture {
    private final long startMicros;
    private final List<ReplayItem> items = new ArrayList<>();

    public ScriptedCapture(long startEpochMicros) {
        this.startMicros = startEpochMicros;
    }

    public ScriptedCapture() {
        this(1_700_000_000_000_000L);
    }

    public Session session(String id, String user, String database) {
        return new Session(id, user, database);
    }

    /** Items sorted by time; items with the same time keep the order they were added in. */
    public List<ReplayItem> items() {
        List<ReplayItem> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingLong(i -> i.timestamp().epochMicros()));
        return sorted;
    }

    private LogTimestamp at(double millis) {
        return new LogTimestamp(startMicros + Math.round(millis * 1000), "UTC", 3);
    }

    /** One captured session. */
    public final class Session {
        private final String id;
        private final String user;
        private final String database;

        private Session(String id, String user, String database) {
            this.id = id;
            this.user = user;
            this.database = database;
        }

        public Session connect(double atMillis) {
            items.add(new ReplayItem.Connect(id, at(atMillis), user, database));
            return this;
        }

        public Session statement(double atMillis, String sql) {
            items.add(new ReplayItem.Statement(id, at(atMillis), user, database, sql, OptionalDouble.empty(), false));
            return this;
        }

        /** A statement the capture logged with its duration. */
        public Session statement(double atMillis, String sql, double durationMillis) {
            items.add(new ReplayItem.Statement(id, at(atMillis), user, database, sql, OptionalDouble.of(durationMillis), false));
            return this;
        }

        public Session execute(double atMillis, String sql, String... parameters) {
            items.add(new ReplayItem.Execute(id, at(atMillis), user, database, "", sql, Arrays.asList(parameters),
                    OptionalDouble.empty(), false));
            return this;
        }

        /** An execute of the named prepared statement {@code name} (e.g. PgJDBC's {@code S_1}). */
        public Session executeNamed(double atMillis, String name, String sql, String... parameters) {
            items.add(new ReplayItem.Execute(id, at(atMillis), user, database, name, sql, Arrays.asList(parameters),
                    OptionalDouble.empty(), false));
            return this;
        }

        public Session disconnect(double atMillis) {
            items.add(new ReplayItem.Disconnect(id, at(atMillis)));
            return this;
        }
    }
}
