package dev.pglab.trace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.pg.WithPg;
import dev.pglab.trace.TraceConfig;
import dev.pglab.trace.TraceEvent;
import dev.pglab.trace.TraceFiles;
import dev.pglab.trace.Tracer;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overhead suite's workload checks itself: TPC-B's balance invariants hold and the trace saw every call. */
@WithPg({ServerProfile.CAPTURE, ServerProfile.OBSERVE})
class TraceTpcbDriverIT {

    @Test
    void tracedTpcbKeepsBalancesConsistentAndRecordsSixCallsPerTransaction(PgServer server, @TempDir Path dir) throws Exception {
        try (Connection c = server.connect()) {
            TraceTpcbDriver.initialise(c, 1);
        }
        TraceTpcbDriver.Result result;
        try (Tracer tracer = Tracer.start(TraceConfig.defaults(dir).withStatementStats(false), server::connect)) {
            List<Connection> clients = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                clients.add(tracer.trace(server.connect(), "client-" + i));
            }
            result = TraceTpcbDriver.run(clients, 1, 300_000_000L, 7);
            for (Connection c : clients) {
                c.close();
            }
            tracer.finish();
        }
        assertThat(result.transactions()).isPositive();
        String sums = server.query("select (select sum(abalance) from pgbench_accounts) || ',' || (select sum(tbalance)"
                + " from pgbench_tellers) || ',' || (select sum(bbalance) from pgbench_branches) || ',' ||"
                + " (select sum(delta) from pgbench_history) || ',' || (select count(*) from pgbench_history)");
        String[] v = sums.split(",");
        assertThat(v[0]).isEqualTo(v[3]).isEqualTo(v[1]).isEqualTo(v[2]);
        assertThat(Long.parseLong(v[4])).isEqualTo(result.transactions());
        long execs = 0;
        long withPlan = 0;
        for (List<TraceEvent> session : TraceFiles.readAll(dir)) {
            for (TraceEvent e : session) {
                if (e instanceof TraceEvent.Exec x && x.dep() == 0) {
                    execs++;
                    if (x.server() != null) {
                        withPlan++;
                    }
                }
            }
        }
        assertThat(execs).isEqualTo(6 * result.transactions());
        assertThat(withPlan).isEqualTo(5 * result.transactions());
        System.out.printf("traced TPC-B: %d tx in %.0f ms%n", result.transactions(), result.wallNanos() / 1e6);
    }
}
