package dev.pglab.trace;

import dev.pglab.harness.observe.ActivitySample;
import dev.pglab.parser.sql.SqlLexer;
import dev.pglab.parser.sql.SqlToken;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts one session's trace together after the run: the client's calls, the server's auto_explain entries matched
 * to them by backend pid and order, and the activity samples attributed to the call whose client-side window
 * contains them (or to the gap between calls).
 *
 * <p>Matching plans: a call whose statement the executor runs (SELECT, INSERT, UPDATE, DELETE, MERGE, WITH,
 * VALUES, TABLE, EXECUTE) takes the next entry with the same query text; entries skipped on the way are statements
 * nested inside it (triggers, functions) and are shown as dep=1 cursors before it. Failed calls and utility
 * statements take none.
 */
final class SessionTraceBuilder {
    private final long anchorNanos;
    private final long anchorWallMicros;
    private final Map<String, Integer> cursors = new HashMap<>();
    private final List<TraceEvent> events = new ArrayList<>();

    SessionTraceBuilder(long anchorNanos, long anchorWallMicros) {
        this.anchorNanos = anchorNanos;
        this.anchorWallMicros = anchorWallMicros;
    }

    private long tim(long nanos) {
        return anchorWallMicros + (nanos - anchorNanos) / 1000;
    }

    /**
     * @param plans           the session backend's auto_explain entries in log order, or null when not collected
     * @param samples         the backend's activity samples in time order, or null when not sampled
     * @param periodNanos     the sampler's achieved period
     * @param fixedPeriod     each sample stands for exactly one period (a server-side collector that records
     *                        waiting backends only), rather than for the time to its neighbours
     */
    List<TraceEvent> build(TraceEvent.Header header, SessionRecorder session, List<ServerPlan> plans,
                           List<ActivitySample> samples, long periodNanos, boolean fixedPeriod) {
        events.add(header);
        List<TracedCall> calls = session.executions();
        List<List<ServerPlan>> nested = new ArrayList<>();
        List<ServerPlan> own = new ArrayList<>();
        matchPlans(calls, plans, own, nested);
        WaitCounts waits = attributeWaits(session, calls, samples, fixedPeriod ? periodNanos : 0);
        long period = periodNanos / 1000;

        emitWaits(0, waits.gaps.get(-1), period);
        long inCalls = 0;
        for (int i = 0; i < calls.size(); i++) {
            TracedCall call = calls.get(i);
            long end = call.endNanos == 0 ? call.startNanos : call.endNanos;
            for (ServerPlan n : nested.get(i)) {
                int c = cursorFor(n.queryText(), 1, tim(call.startNanos));
                events.add(new TraceEvent.Exec(c, 1, call.seq, tim(call.startNanos), n.detail().elapsedMicros(), 0, 1,
                        n.detail()));
                n.nodes().forEach(node -> events.add(new TraceEvent.Stat(c, node)));
            }
            int cursor = cursorFor(call.sql, 0, tim(call.startNanos));
            if (!call.bindSets.isEmpty()) {
                events.add(new TraceEvent.Binds(cursor, call.bindSets));
            }
            ServerPlan plan = own.get(i);
            long e = (end - call.startNanos) / 1000;
            inCalls += e;
            events.add(new TraceEvent.Exec(cursor, 0, call.seq, tim(call.startNanos), e, call.rows,
                    Math.max(1, call.bindSets.size()), plan == null ? null : plan.detail()));
            emitWaits(cursor, waits.calls.get(i), period);
            if (plan != null) {
                plan.nodes().forEach(node -> events.add(new TraceEvent.Stat(cursor, node)));
            }
            if (call.failed()) {
                events.add(new TraceEvent.Error(cursor, call.sqlState, call.error));
            }
            emitWaits(0, waits.gaps.get(i), period);
        }
        // the session's window: from when it was traced to its close (or its last call's end, if still open), so
        // between_calls agrees with the WAIT #0 lines, which cover the same gaps
        long first = session.openedNanos();
        long lastEnd = calls.isEmpty() ? first : Math.max(calls.getLast().endNanos, calls.getLast().startNanos);
        long last = session.closedNanos() >= 0 ? Math.max(session.closedNanos(), lastEnd) : lastEnd;
        events.add(new TraceEvent.Close(tim(last), calls.size(), inCalls, Math.max(0, (last - first) / 1000 - inCalls)));
        return events;
    }

    private int cursorFor(String sql, int dep, long tim) {
        Integer c = cursors.get(sql);
        if (c != null) {
            return c;
        }
        int n = cursors.size() + 1;
        cursors.put(sql, n);
        events.add(new TraceEvent.Parse(n, dep, hashValue(sql), tim, sql));
        return n;
    }

    /** A stable 64-bit FNV-1a hash of the statement's match key, in hex (the trace's hv=). */
    static String hashValue(String sql) {
        long h = 0xcbf29ce484222325L;
        String key = NativeSql.matchKey(sql);
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return Long.toHexString(h);
    }

    /** One WAIT line per event, largest first; {@code period} is the mean interval the samples stood for. */
    private void emitWaits(int cursor, Map<String, long[]> counts, long periodMicros) {
        if (counts == null) {
            return;
        }
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .forEach(en -> {
                    long samples = en.getValue()[0];
                    long ela = en.getValue()[1] / 1000;
                    events.add(new TraceEvent.Wait(cursor, en.getKey(), samples, ela,
                            samples == 0 ? periodMicros : ela / samples));
                });
    }

    static void matchPlans(List<TracedCall> calls, List<ServerPlan> plans, List<ServerPlan> own,
                           List<List<ServerPlan>> nested) {
        int ptr = 0;
        for (TracedCall call : calls) {
            own.add(null);
            nested.add(List.of());
            if (plans == null || call.failed() || !runsInExecutor(call.sql)) {
                continue;
            }
            String key = NativeSql.matchKey(call.sql);
            boolean multi = key.indexOf(';') >= 0;
            for (int j = ptr; j < plans.size(); j++) {
                String pk = NativeSql.matchKey(plans.get(j).queryText());
                if (pk.equals(key) || multi && key.contains(pk)) {
                    own.set(own.size() - 1, plans.get(j));
                    nested.set(nested.size() - 1, List.copyOf(plans.subList(ptr, j)));
                    ptr = j + 1;
                    break;
                }
            }
        }
    }

    /** Whether the executor runs the statement, so auto_explain logs a plan for it. */
    static boolean runsInExecutor(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        String first = "";
        while (lexer.next()) {
            SqlToken kind = lexer.kind();
            if (kind == SqlToken.IDENTIFIER) {
                first = sql.substring(lexer.start(), lexer.end());
                break;
            }
            if (kind != SqlToken.WHITESPACE && kind != SqlToken.COMMENT && !lexer.is('(')) {
                break;
            }
        }
        return switch (first.toLowerCase(Locale.ROOT)) {
            case "select", "insert", "update", "delete", "merge", "with", "values", "table", "execute" -> true;
            default -> false;
        };
    }

    /** Per call index (gaps: the gap after that call, -1 before the first): event -> {samples, nanos}. */
    private record WaitCounts(Map<Integer, Map<String, long[]>> calls, Map<Integer, Map<String, long[]>> gaps) {
    }

    /**
     * Each sample stands for the time from halfway back to the previous poll of this backend to halfway on to the
     * next one, so a stretch polled faster or slower than the mean still adds up to its real length.
     */
    private static WaitCounts attributeWaits(SessionRecorder session, List<TracedCall> calls, List<ActivitySample> samples,
                                             long fixedWeight) {
        WaitCounts counts = new WaitCounts(new HashMap<>(), new HashMap<>());
        if (samples == null) {
            return counts;
        }
        long from = session.openedNanos();
        long to = session.closedNanos() >= 0 ? session.closedNanos() : Long.MAX_VALUE;
        long[] starts = calls.stream().mapToLong(c -> c.startNanos).toArray();
        List<ActivitySample> sorted = samples.stream().sorted(Comparator.comparingLong(ActivitySample::nanoTime)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            ActivitySample s = sorted.get(i);
            long t = s.nanoTime();
            if (t < from || t > to || s.state() == null) {
                continue;
            }
            long before = i > 0 ? t - sorted.get(i - 1).nanoTime() : -1;
            long after = i + 1 < sorted.size() ? sorted.get(i + 1).nanoTime() - t : -1;
            long halfBack = fixedWeight > 0 ? fixedWeight / 2 : before >= 0 ? before / 2 : Math.max(after, 0) / 2;
            long halfOn = fixedWeight > 0 ? fixedWeight / 2 : after >= 0 ? after / 2 : Math.max(before, 0) / 2;
            int idx = lastStartAtOrBefore(starts, t);
            boolean inCall = idx >= 0 && t <= endOf(calls.get(idx));
            // the sample stands for its share of the polling timeline, clipped to the call (or gap) it fell in
            long windowFrom = inCall ? calls.get(idx).startNanos : idx >= 0 ? endOf(calls.get(idx)) : from;
            long windowTo = inCall ? endOf(calls.get(idx)) : idx + 1 < calls.size() ? calls.get(idx + 1).startNanos : to;
            long weight = Math.max(0, Math.min(t + halfOn, windowTo) - Math.max(t - halfBack, windowFrom));
            Map<Integer, Map<String, long[]>> target = inCall ? counts.calls : counts.gaps;
            long[] c = target.computeIfAbsent(idx, k -> new LinkedHashMap<>()).computeIfAbsent(s.eventName(), k -> new long[2]);
            c[0]++;
            c[1] += weight;
        }
        return counts;
    }

    private static long endOf(TracedCall call) {
        return Math.max(call.endNanos, call.startNanos);
    }

    private static int lastStartAtOrBefore(long[] starts, long t) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
