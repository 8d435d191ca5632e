package dev.pglab.parser;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The counting path: gives exactly the {@link ItemCounts} that {@link ItemAssembler} would, without building an
 * item. Counts do not depend on the order items leave in, only on each item's final state (duration, failed),
 * so instead of a queue of items this keeps one reused record per session with an open statement, and a
 * sequence number per item to reproduce the assembler's bound: when more than {@code maxOpen} items wait behind
 * the oldest open one, that one is finished as it is (and a later ERROR of its session no longer marks it).
 * Nothing is allocated per item; SQL text is compared by a 64-bit fingerprint of its bytes.
 */
final class CountingAssembler implements EventSink {
    /** A session's open statement or execute (reused for the session's next one). */
    private static final class Open {
        boolean open;
        long seq;
        boolean execute;
        boolean named;
        int parameters;
        int nulls;
        boolean hasDuration;
        long sqlFingerprint;
        String statementName;
        long micros;
        String zone;
        int digits;
    }

    /** The largest maxOpen the counting path supports (its ring grows up to maxOpen + 1 references). */
    static final int MAX_OPEN = 1 << 22;

    private final Map<String, Open> sessions = new HashMap<>();
    private final ItemCounts counts;
    private final java.util.function.Consumer<ParseProblem> problems;
    private final int maxOpen;
    /** The open item pushed as number seq sits at ring[seq % ring.length] (stale once it closed). */
    private Open[] ring;
    private long seq;
    private long oldest = 1;
    private int openCount;

    CountingAssembler(java.util.function.Consumer<ParseProblem> problems, ItemCounts counts, int maxOpen) {
        this.problems = problems;
        this.counts = counts;
        this.maxOpen = maxOpen;
        if (maxOpen > MAX_OPEN) {
            throw new IllegalArgumentException("maxOpen " + maxOpen + " is more than counting supports (" + MAX_OPEN + ")");
        }
        this.ring = new Open[Math.min(1024, maxOpen + 1)];
    }

    /**
     * An item reduced to what counting needs; the parallel mode records these instead of items.
     * {@code sqlFingerprint} is {@link ItemView#sqlFingerprint()}.
     */
    record Work(ItemView.Kind kind, String session, long micros, String zone, int digits, String statementName,
                int parameters, int nulls, boolean hasDuration, long sqlFingerprint) {
        static Work of(ItemView v) {
            return new Work(v.kind, v.session, v.micros, v.zone, v.digits, v.statementName, v.parameterCount, v.nullCount,
                    v.duration.isPresent(), v.isWork() ? v.sqlFingerprint() : 0);
        }
    }

    @Override
    public void item(ItemView v) {
        item(v.kind, v.session, v.micros, v.zone, v.digits, v.statementName, v.parameterCount, v.nullCount, v.duration.isPresent(),
                v.isWork() ? v.sqlFingerprint() : 0);
    }

    @Override
    public void duration(String session, double millis, ItemView v) {
        if (v == null) {
            duration(session);
        } else {
            durationWith(v.kind, session, v.micros, v.zone, v.digits, v.statementName, v.parameterCount, v.nullCount,
                    v.sqlFingerprint());
        }
    }

    void item(Work w) {
        item(w.kind, w.session, w.micros, w.zone, w.digits, w.statementName, w.parameters, w.nulls, w.hasDuration, w.sqlFingerprint);
    }

    void duration(String session, Work w) {
        if (w == null) {
            duration(session);
        } else {
            durationWith(w.kind, session, w.micros, w.zone, w.digits, w.statementName, w.parameters, w.nulls, w.sqlFingerprint);
        }
    }

    private void item(ItemView.Kind kind, String session, long micros, String zone, int digits, String name, int parameters, int nulls,
                      boolean hasDuration, long fingerprint) {
        close(session);
        switch (kind) {
            case CONNECT -> {
                counts.connect(micros, zone, digits);
                pushed();
            }
            case DISCONNECT -> {
                counts.disconnect(micros, zone, digits);
                Open o = sessions.get(session);
                if (o != null && !o.open) {
                    sessions.remove(session);
                }
                pushed();
            }
            default -> {
                Open o = sessions.get(session);
                if (o == null) {
                    o = new Open();
                    if (sessions.size() > Math.max(4096, 4 * openCount)) {
                        forgetClosedSessions();
                    }
                    sessions.put(session, o);
                }
                o.open = true;
                openCount++;
                o.execute = kind == ItemView.Kind.EXECUTE;
                o.named = o.execute && !name.isEmpty();
                o.statementName = name;
                o.parameters = parameters;
                o.nulls = nulls;
                o.hasDuration = hasDuration;
                o.sqlFingerprint = fingerprint;
                o.micros = micros;
                o.zone = zone;
                o.digits = digits;
                o.seq = ++seq;
                place(o);
                bound();
            }
        }
    }

    /** A {@code duration:} line alone: the session's open statement took that long. */
    private void duration(String session) {
        Open o = sessions.get(session);
        if (o != null && o.open) {
            o.hasDuration = true;
            done(o);
        }
    }

    /** {@code duration: X ms  statement: SQL}: the open statement's duration, or an item finished as it comes. */
    private void durationWith(ItemView.Kind kind, String session, long micros, String zone, int digits, String name, int parameters,
                              int nulls, long fingerprint) {
        Open o = sessions.get(session);
        boolean execute = kind == ItemView.Kind.EXECUTE;
        // log_statement already logged this statement: never count it twice
        if (o != null && o.open && !o.hasDuration && o.execute == execute && o.sqlFingerprint == fingerprint
                && (!execute || o.statementName.equals(name))) {
            o.hasDuration = true;
            done(o);
            return;
        }
        close(session);
        if (execute) {
            counts.execute(micros, zone, digits, !name.isEmpty(), parameters, nulls, false, true);
        } else {
            counts.statement(micros, zone, digits, false, true);
        }
        pushed();
    }

    @Override
    public void failure(String session) {
        Open o = sessions.get(session);
        if (o != null && o.open) {
            count(o, true);
            o.open = false;
            openCount--;
        }
    }

    @Override
    public void step(String session) {
        close(session);
    }

    @Override
    public void problem(ParseProblem problem) {
        problems.accept(problem);
    }

    /** The end of the input: everything still open is finished as it is. */
    void finish() {
        for (Open o : sessions.values()) {
            if (o.open) {
                done(o);
            }
        }
    }

    private void close(String session) {
        Open o = sessions.get(session);
        if (o != null && o.open) {
            done(o);
        }
    }

    private void done(Open o) {
        count(o, false);
        o.open = false;
        openCount--;
    }

    private void count(Open o, boolean failed) {
        if (o.execute) {
            counts.execute(o.micros, o.zone, o.digits, o.named, o.parameters, o.nulls, failed, o.hasDuration);
        } else {
            counts.statement(o.micros, o.zone, o.digits, failed, o.hasDuration);
        }
    }

    /** An item that needed no waiting still takes a place behind the open ones. */
    private void pushed() {
        ++seq;
        bound();
    }

    /** The assembler's queue runs from the oldest open item to the newest: beyond maxOpen the oldest goes. */
    private void bound() {
        if (openCount == 0) {
            oldest = seq + 1;
            return;
        }
        Open head = oldestOpen();
        if (head != null && seq - head.seq + 1 > maxOpen) {
            done(head);
        }
    }

    /** Puts a newly opened item in the ring, grown (up to maxOpen + 1) when the open items span more than it. */
    private void place(Open o) {
        Open head = openCount > 1 ? oldestOpen() : null;
        long from = head == null ? o.seq : head.seq;
        if (o.seq - from >= ring.length) {
            Open[] grown = new Open[(int) Math.min(Math.max(2L * ring.length, o.seq - from + 1), maxOpen + 1L)];
            for (long s = from; s < o.seq; s++) {
                Open x = ring[(int) (s % ring.length)];
                if (x != null && x.open && x.seq == s) {
                    grown[(int) (s % grown.length)] = x;
                }
            }
            ring = grown;
        }
        ring[(int) (o.seq % ring.length)] = o;
        if (head == null) {
            oldest = o.seq;
        }
    }

    private Open oldestOpen() {
        while (oldest <= seq) {
            Open o = ring[(int) (oldest % ring.length)];
            if (o != null && o.open && o.seq == oldest) {
                return o;
            }
            oldest++;
        }
        return null;
    }

    /** Sessions that ended without a disconnection line would otherwise be kept for ever. */
    private void forgetClosedSessions() {
        for (Iterator<Open> it = sessions.values().iterator(); it.hasNext(); ) {
            if (!it.next().open) {
                it.remove();
            }
        }
    }
}
