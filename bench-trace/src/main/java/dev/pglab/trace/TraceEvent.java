package dev.pglab.trace;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The events of one session trace, in the order the text file shows them. The JSON lines file holds the same
 * events, one object per line, with {@code "ev"} naming the kind. Times: {@code tim} is wall clock in µs since
 * the epoch, elapsed values are µs.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "ev")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TraceEvent.Header.class, name = "header"),
        @JsonSubTypes.Type(value = TraceEvent.Parse.class, name = "parse"),
        @JsonSubTypes.Type(value = TraceEvent.Binds.class, name = "binds"),
        @JsonSubTypes.Type(value = TraceEvent.Exec.class, name = "exec"),
        @JsonSubTypes.Type(value = TraceEvent.Wait.class, name = "wait"),
        @JsonSubTypes.Type(value = TraceEvent.Stat.class, name = "stat"),
        @JsonSubTypes.Type(value = TraceEvent.Error.class, name = "error"),
        @JsonSubTypes.Type(value = TraceEvent.Close.class, name = "close")})
public sealed interface TraceEvent {

    /**
     * The file header: who was traced, with what resolution, and which parts are missing (and why).
     *
     * @param requestedPeriodMicros the sampler period asked for; 0 when waits were not sampled
     * @param achievedPeriodMicros  the mean period achieved: the resolution of every WAIT estimate
     */
    record Header(String session, int pid, String user, String database, String server, long startedTim,
                  String waitSource, long requestedPeriodMicros, long achievedPeriodMicros, List<String> parts,
                  List<String> missing) implements TraceEvent {
    }

    /** First use of a distinct statement in the session; {@code dep} 1 for statements run inside another. */
    record Parse(int cursor, int dep, String hv, long tim, String sql) implements TraceEvent {
    }

    /** Bind values of one execution; several sets for a batch. */
    record Binds(int cursor, List<List<Bind>> sets) implements TraceEvent {
    }

    /**
     * One execution. {@code e} is the client-side elapsed time (for dep 1: the server's); {@code server} is null
     * when the server logged nothing for it (utility statements, errors, server detail missing).
     */
    record Exec(int cursor, int dep, long seq, long tim, long e, long rows, int batch, ServerDetail server)
            implements TraceEvent {
    }

    /**
     * Sampled waits of one execution ({@code cursor} &gt; 0) or of the gap after it ({@code cursor} 0, between
     * calls). {@code ela} is samples × the achieved period: an estimate at that resolution.
     */
    record Wait(int cursor, String event, long samples, long ela, long period) implements TraceEvent {
    }

    /** One plan node of the execution just before, planned vs actual rows and its blocks. */
    record Stat(int cursor, PlanNode node) implements TraceEvent {
    }

    record Error(int cursor, String sqlState, String message) implements TraceEvent {
    }

    /** End of the session: calls, time in calls and between calls (client clock). */
    record Close(long tim, long calls, long inCalls, long betweenCalls) implements TraceEvent {
    }
}
