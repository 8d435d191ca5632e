package dev.pglab.replay;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds items back until the dependencies {@link CommitDependencies} gave them have finished in the replay. The
 * reader registers each dependency before it hands the item out (so in number order); the session that ran it
 * reports it finished; an item may start once no registered dependency below its {@code waitBelow} is unfinished.
 * Thread-safe.
 */
final class CommitGate {
    private final CommitDependencies dependencies = new CommitDependencies();
    private final ConcurrentSkipListSet<Long> unfinished = new ConcurrentSkipListSet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();

    /** Reader: called in log order for every item, before it is handed to its session. */
    CommitDependencies.Ticket admit(dev.pglab.parser.ReplayItem item) {
        CommitDependencies.Ticket ticket = dependencies.admit(item);
        if (ticket.dependency()) {
            unfinished.add(ticket.seq());
        }
        return ticket;
    }

    /** Session: blocks until the item may start. */
    void await(CommitDependencies.Ticket ticket) throws InterruptedException {
        if (ticket.waitBelow() <= 0 || ready(ticket.waitBelow())) {
            return;
        }
        lock.lockInterruptibly();
        try {
            while (!ready(ticket.waitBelow())) {
                advanced.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Session: the item ran (or was skipped); whatever waited only for it may go. */
    void finished(CommitDependencies.Ticket ticket) {
        if (!ticket.dependency()) {
            return;
        }
        unfinished.remove(ticket.seq());
        // only the lowest one finishing can release anyone; numbers registered later are higher, so after its
        // removal everything left is above it
        if (unfinished.isEmpty() || unfinished.first() > ticket.seq()) {
            lock.lock();
            try {
                advanced.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean ready(long waitBelow) {
        if (unfinished.isEmpty()) {
            return true;
        }
        return unfinished.first() >= waitBelow;
    }
}
