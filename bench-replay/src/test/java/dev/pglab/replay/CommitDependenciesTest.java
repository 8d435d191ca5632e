package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.parser.LogTimestamp;
import dev.pglab.parser.ReplayItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The commit-order rule against an oracle written from the capture's known structure (which statements form
 * which transaction, which of them wrote, which committed), not from the classifier's state machine: in any
 * execution the replay can take, an item may start exactly when every dependency the oracle names for it (writing
 * commits and barriers captured before its transaction began) has finished, and some session can always go on.
 */
class CommitDependenciesTest {

    enum Op { READ, WRITE, BARRIER }

    /** One captured statement with what the oracle knows about it. */
    record Stmt(int session, String sql, int txn, boolean dependency) {
    }

    @Property(tries = 300)
    void anItemStartsExactlyWhenTheWritingCommitsCapturedBeforeItsTransactionHaveFinished(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int sessions) {
        Random rnd = new Random(seed);
        // per session: its statements in order; transactions numbered globally
        List<List<Stmt>> perSession = new ArrayList<>();
        int txn = 0;
        for (int s = 0; s < sessions; s++) {
            List<Stmt> list = new ArrayList<>();
            int txns = 1 + rnd.nextInt(5);
            for (int t = 0; t < txns; t++, txn++) {
                if (rnd.nextBoolean()) { // autocommit statement: a dependency when it writes
                    Op op = Op.values()[rnd.nextInt(3)];
                    list.add(new Stmt(s, sql(op), txn, op != Op.READ));
                } else { // a block: begin, statements, commit or rollback
                    list.add(new Stmt(s, "begin", txn, false));
                    boolean writes = false;
                    for (int k = rnd.nextInt(4); k > 0; k--) {
                        Op op = Op.values()[rnd.nextInt(3)];
                        writes |= op != Op.READ;
                        list.add(new Stmt(s, sql(op), txn, op == Op.BARRIER));
                    }
                    boolean commit = rnd.nextInt(4) != 0;
                    list.add(new Stmt(s, commit ? (rnd.nextBoolean() ? "commit" : "END;") : "rollback", txn, commit && writes));
                }
            }
            perSession.add(list);
        }
        // a random interleaving into log order, each session's order kept
        List<Stmt> log = new ArrayList<>();
        int[] next = new int[sessions];
        while (log.size() < perSession.stream().mapToInt(List::size).sum()) {
            int s = rnd.nextInt(sessions);
            if (next[s] < perSession.get(s).size()) {
                log.add(perSession.get(s).get(next[s]++));
            }
        }
        CommitDependencies rule = new CommitDependencies();
        List<CommitDependencies.Ticket> tickets = new ArrayList<>();
        int[] txnStart = new int[txn];
        java.util.Arrays.fill(txnStart, -1);
        for (int i = 0; i < log.size(); i++) {
            Stmt st = log.get(i);
            tickets.add(rule.admit(new ReplayItem.Statement("s" + st.session(), new LogTimestamp(i, "UTC", 3), "u", "d",
                    st.sql(), OptionalDouble.empty(), false)));
            if (txnStart[st.txn()] < 0) {
                txnStart[st.txn()] = i;
            }
            assertThat(tickets.get(i).dependency()).as("dependency of %s", st).isEqualTo(st.dependency());
        }

        // a random execution: items start and finish in any order the sessions and the gate allow
        Set<Integer> finished = new HashSet<>();
        List<List<Integer>> queue = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            queue.add(new ArrayList<>());
        }
        for (int i = 0; i < log.size(); i++) {
            queue.get(log.get(i).session()).add(i);
        }
        Integer[] running = new Integer[sessions];
        int[] head = new int[sessions];
        while (finished.size() < log.size()) {
            List<Runnable> moves = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int session = s;
                if (running[s] != null) {
                    moves.add(() -> {
                        finished.add(running[session]);
                        running[session] = null;
                    });
                } else if (head[s] < queue.get(s).size()) {
                    int i = queue.get(s).get(head[s]);
                    boolean oracle = true;
                    for (int d = 0; d < txnStart[log.get(i).txn()]; d++) {
                        oracle &= !log.get(d).dependency() || finished.contains(d);
                    }
                    boolean gate = true;
                    for (int d = 0; d < tickets.get(i).waitBelow(); d++) {
                        gate &= !tickets.get(d).dependency() || finished.contains(d);
                    }
                    assertThat(gate).as("item %d %s may start", i, log.get(i)).isEqualTo(oracle);
                    if (gate) {
                        moves.add(() -> {
                            running[session] = i;
                            head[session]++;
                        });
                    }
                }
            }
            assertThat(moves).as("some session can go on").isNotEmpty();
            moves.get(rnd.nextInt(moves.size())).run();
        }
    }

    private static String sql(Op op) {
        return switch (op) {
            case READ -> "select abalance from pgbench_accounts where aid = $1";
            case WRITE -> "insert into pgbench_history values ($1, $2, now())";
            case BARRIER -> "truncate pgbench_history";
        };
    }

    @Test
    void statementsAreClassifiedByTheirLeadingKeywords() {
        assertThat(StatementEffect.of("BEGIN; update t set a = 1; END;")).containsExactly(
                StatementEffect.BEGIN, StatementEffect.WRITE, StatementEffect.COMMIT);
        assertThat(StatementEffect.of("/* x */ select pg_sleep(3)")).containsExactly(StatementEffect.READ);
        assertThat(StatementEffect.of("with d as (delete from t returning *) select count(*) from d"))
                .containsExactly(StatementEffect.WRITE);
        assertThat(StatementEffect.of("select 'drop table x; truncate y' into z from t")).containsExactly(StatementEffect.BARRIER);
        assertThat(StatementEffect.of("VACUUM pgbench_history")).containsExactly(StatementEffect.BARRIER);
        assertThat(StatementEffect.of("lock table t in exclusive mode")).containsExactly(StatementEffect.BARRIER);
        assertThat(StatementEffect.of("rollback to savepoint a")).containsExactly(StatementEffect.READ);
        assertThat(StatementEffect.of("start transaction isolation level serializable")).containsExactly(StatementEffect.BEGIN);
        assertThat(StatementEffect.of("copy t from stdin")).containsExactly(StatementEffect.WRITE);
        assertThat(StatementEffect.of("set application_name = 'x'")).containsExactly(StatementEffect.READ);
    }

    @Test
    void aReadOnlyTransactionIsNoDependencyAndALaterItemWaitsForTheTruncate() {
        CommitDependencies rule = new CommitDependencies();
        var truncate = rule.admit(stmt("setup", "truncate pgbench_history"));
        var slowRead = rule.admit(stmt("s00", "select pg_sleep(3)"));
        var insert = rule.admit(stmt("s01", "insert into pgbench_history values (1, 1, now())"));
        assertThat(truncate.dependency()).isTrue();
        assertThat(slowRead.dependency()).isFalse();
        assertThat(insert.waitBelow()).isEqualTo(insert.seq());
        // a block waits only for what committed before it began
        var begin = rule.admit(stmt("s02", "begin"));
        rule.admit(stmt("s03", "insert into pgbench_history values (2, 2, now())"));
        var inBlock = rule.admit(stmt("s02", "update pgbench_accounts set abalance = 0"));
        assertThat(inBlock.waitBelow()).isEqualTo(begin.seq());
    }

    @Test
    void deallocateNamesTheStatementAsTheServerSeesIt() {
        assertThat(Deallocation.of("DEALLOCATE \"S_1\"")).isEqualTo(new Deallocation(false, "S_1"));
        assertThat(Deallocation.of("deallocate prepare P_0;")).isEqualTo(new Deallocation(false, "p_0"));
        assertThat(Deallocation.of("deallocate all")).isEqualTo(new Deallocation(true, null));
        assertThat(Deallocation.of("select 1")).isNull();
        assertThat(Deallocation.of("deallocate a; select 1")).isNull();
    }

    private static ReplayItem stmt(String session, String sql) {
        return new ReplayItem.Statement(session, new LogTimestamp(0, "UTC", 3), "u", "d", sql, OptionalDouble.empty(), false);
    }
}
