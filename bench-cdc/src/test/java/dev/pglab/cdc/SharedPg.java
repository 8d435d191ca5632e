package dev.pglab.cdc;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import java.sql.Connection;
import java.sql.SQLException;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.Store;

/**
 * One PostgreSQL for all jqwik properties of a test class (jqwik does not run JUnit extensions, so
 * {@code @WithPg} cannot inject it). {@link #start()} goes in a {@code @BeforeContainer} hook, which makes the
 * store visible to every property of the container; jqwik closes it when the run ends.
 */
final class SharedPg implements Store.CloseOnReset {
    private static final Tuple.Tuple2<Class<SharedPg>, String> KEY = Tuple.of(SharedPg.class, "server");
    private final PgServer server;

    private SharedPg(PgServer server) {
        this.server = server;
    }

    static void start() {
        Store.getOrCreate(KEY, Lifespan.RUN, () -> new SharedPg(PgServer.start(PgServerConfig.fromEnvironment())));
    }

    static PgServer server() {
        return Store.<SharedPg>get(KEY).get().server;
    }

    static Connection connect() throws SQLException {
        return server().connect();
    }

    @Override
    public void close() {
        server.close();
    }
}
