package dev.pglab.replay;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The items the reader has handed one session and the session has not taken yet: one producer (the reader), one
 * consumer (the session's thread). The session takes everything waiting in one step ({@link #takeAll}), so at
 * speed max it touches the lock once per batch, not once per item; the reader unparks the session only when it
 * is parked waiting for items, never for an item added while it is busy. Never blocks the reader: how much may
 * wait in all windows together is {@link ItemBudget}'s job, so one stalled session's backlog cannot stop the
 * reader from feeding the others until the whole budget is its backlog.
 *
 * <p>A {@link ReentrantLock}, not {@code synchronized}: a virtual thread parked inside a monitor would pin its
 * carrier on JDK 21.
 */
final class SessionWindow<T> {
    private final ReentrantLock lock = new ReentrantLock();
    private ArrayDeque<T> incoming = new ArrayDeque<>();
    /** The consumer, while it is parked (or about to park) for want of items. */
    private Thread waiting;

    /** The reader: adds an item; wakes the session only if it waits for one. */
    void add(T item) {
        Thread wake;
        lock.lock();
        try {
            incoming.add(item);
            wake = waiting;
            waiting = null;
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            LockSupport.unpark(wake);
        }
    }

    /**
     * The session: returns every waiting item in arrival order (swapping {@code spare}, which must be empty, in
     * as the new incoming deque), parking while there is none.
     */
    ArrayDeque<T> takeAll(ArrayDeque<T> spare) throws InterruptedException {
        while (true) {
            lock.lock();
            try {
                if (!incoming.isEmpty()) {
                    ArrayDeque<T> batch = incoming;
                    incoming = spare;
                    waiting = null;
                    return batch;
                }
                waiting = Thread.currentThread();
            } finally {
                lock.unlock();
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Removes and returns what is waiting (when the session ends early: what is left unrun). */
    java.util.List<T> drain() {
        lock.lock();
        try {
            java.util.List<T> left = java.util.List.copyOf(incoming);
            incoming.clear();
            return left;
        } finally {
            lock.unlock();
        }
    }
}
