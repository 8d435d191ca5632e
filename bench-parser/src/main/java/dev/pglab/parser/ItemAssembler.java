package dev.pglab.parser;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Turns events into finished items, in log order. A statement or execute stays open until its session shows
 * what became of it (a duration, an ERROR, its next statement, a parse or bind, a disconnection, or the end of
 * the input); items behind an open one wait, so the output keeps the log's order. At most {@code maxOpen} items
 * wait: beyond that the oldest goes out as it is, which keeps memory bounded when a session idles for long.
 */
final class ItemAssembler implements EventSink {
    private static final class Slot {
        ReplayItem item;
        boolean done;

        Slot(ReplayItem item, boolean done) {
            this.item = item;
            this.done = done;
        }
    }

    private final ArrayDeque<Slot> queue = new ArrayDeque<>();
    private final Map<String, Slot> open = new HashMap<>();
    private final Map<String, String[]> logins = new HashMap<>();
    private final Consumer<ReplayItem> out;
    private final Consumer<ParseProblem> problems;
    private final ItemCounts counts;
    private final int maxOpen;

    ItemAssembler(Consumer<ReplayItem> out, Consumer<ParseProblem> problems, ItemCounts counts, int maxOpen) {
        this.out = out;
        this.problems = problems;
        this.counts = counts;
        this.maxOpen = maxOpen;
    }

    @Override
    public void item(ItemView item) {
        item(item.toItem());
    }

    @Override
    public void duration(String session, double millis, ItemView withItem) {
        duration(session, millis, withItem == null ? null : withItem.toItem());
    }

    void item(ReplayItem item) {
        String session = item.sessionId();
        close(session);
        switch (item) {
            case ReplayItem.Connect c -> {
                logins.put(session, new String[] {c.user(), c.database()});
                push(new Slot(item, true));
            }
            case ReplayItem.Disconnect d -> {
                logins.remove(session);
                push(new Slot(item, true));
            }
            default -> {
                Slot slot = new Slot(withLogin(item), false);
                open.put(session, slot);
                push(slot);
            }
        }
    }

    void duration(String session, double millis, ReplayItem withItem) {
        Slot slot = open.get(session);
        if (withItem == null) {
            if (slot != null) {
                slot.item = withDuration(slot.item, millis);
                finish(session, slot);
            }
            return;
        }
        // "duration: X ms  statement: SQL" repeats a statement log_statement already logged: never count it twice
        if (slot != null && sameWork(slot.item, withItem) && durationOf(slot.item).isEmpty()) {
            slot.item = withDuration(slot.item, millis);
            finish(session, slot);
            return;
        }
        close(session);
        push(new Slot(withLogin(withItem), true));
    }

    @Override
    public void failure(String session) {
        Slot slot = open.get(session);
        if (slot != null) {
            slot.item = failed(slot.item);
            finish(session, slot);
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
        open.clear();
        for (Slot s : queue) {
            s.done = true;
        }
        drain();
    }

    private void close(String session) {
        Slot slot = open.remove(session);
        if (slot != null) {
            slot.done = true;
            drain();
        }
    }

    private void finish(String session, Slot slot) {
        open.remove(session);
        slot.done = true;
        drain();
    }

    private void push(Slot slot) {
        queue.addLast(slot);
        if (queue.size() > maxOpen) {
            Slot oldest = queue.peekFirst();
            if (!oldest.done) {
                open.values().remove(oldest);
                oldest.done = true;
            }
        }
        drain();
    }

    private void drain() {
        Slot head;
        while ((head = queue.peekFirst()) != null && head.done) {
            queue.pollFirst();
            counts.count(head.item);
            out.accept(head.item);
        }
    }

    private ReplayItem withLogin(ReplayItem item) {
        String[] login = logins.get(item.sessionId());
        if (login == null) {
            return item;
        }
        return switch (item) {
            case ReplayItem.Statement s when s.user() == null || s.database() == null ->
                    new ReplayItem.Statement(s.sessionId(), s.timestamp(), s.user() == null ? login[0] : s.user(),
                            s.database() == null ? login[1] : s.database(), s.sql(), s.durationMillis(), s.failed());
            case ReplayItem.Execute x when x.user() == null || x.database() == null ->
                    new ReplayItem.Execute(x.sessionId(), x.timestamp(), x.user() == null ? login[0] : x.user(),
                            x.database() == null ? login[1] : x.database(), x.statementName(), x.sql(), x.parameters(),
                            x.durationMillis(), x.failed());
            default -> item;
        };
    }

    private static boolean sameWork(ReplayItem a, ReplayItem b) {
        return switch (a) {
            case ReplayItem.Statement s when b instanceof ReplayItem.Statement t -> s.sql().equals(t.sql());
            case ReplayItem.Execute x when b instanceof ReplayItem.Execute y ->
                    x.sql().equals(y.sql()) && x.statementName().equals(y.statementName());
            default -> false;
        };
    }

    private static OptionalDouble durationOf(ReplayItem item) {
        return switch (item) {
            case ReplayItem.Statement s -> s.durationMillis();
            case ReplayItem.Execute x -> x.durationMillis();
            default -> OptionalDouble.empty();
        };
    }

    private static ReplayItem withDuration(ReplayItem item, double millis) {
        return switch (item) {
            case ReplayItem.Statement s -> new ReplayItem.Statement(s.sessionId(), s.timestamp(), s.user(), s.database(),
                    s.sql(), OptionalDouble.of(millis), s.failed());
            case ReplayItem.Execute x -> new ReplayItem.Execute(x.sessionId(), x.timestamp(), x.user(), x.database(),
                    x.statementName(), x.sql(), x.parameters(), OptionalDouble.of(millis), x.failed());
            default -> item;
        };
    }

    private static ReplayItem failed(ReplayItem item) {
        return switch (item) {
            case ReplayItem.Statement s -> new ReplayItem.Statement(s.sessionId(), s.timestamp(), s.user(), s.database(),
                    s.sql(), s.durationMillis(), true);
            case ReplayItem.Execute x -> new ReplayItem.Execute(x.sessionId(), x.timestamp(), x.user(), x.database(),
                    x.statementName(), x.sql(), x.parameters(), x.durationMillis(), true);
            default -> item;
        };
    }
}
