package dev.pglab.replay;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How many items may be handed to sessions and not yet run, over all sessions: the replay's memory bound,
 * whatever the capture's size or speed. The reader takes one unit per item without waiting while the budget
 * has room; when it is spent, the reader parks until sessions have given back a quarter of it (the low-water
 * mark), then reads that quarter in one go. Sessions give units back in batches ({@link Returns}), so neither
 * side is woken per statement: the per-item semaphore this replaces cost one futex call and 1.5 context
 * switches per statement at speed max.
 */
final class ItemBudget {
    /** A session gives back its finished items at least this often (and always before it waits, for items or a due time). */
    static final int RETURN_BATCH = 64;

    private final long capacity;
    private final long lowWater;
    private final AtomicLong held = new AtomicLong();
    private volatile Thread waiting;
    /** Times the reader found the budget spent and parked; written by the reader only. */
    private volatile long readerWaits;

    ItemBudget(long capacity) {
        this.capacity = capacity;
        this.lowWater = capacity - Math.max(1, capacity / 4);
    }

    /** The reader: takes one unit, parking while the budget is spent until it is back to the low-water mark. */
    void take() throws InterruptedException {
        if (held.get() >= capacity) {
            readerWaits++;
            waiting = Thread.currentThread();
            while (held.get() > lowWater) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    waiting = null;
                    throw new InterruptedException();
                }
            }
            waiting = null;
        }
        held.incrementAndGet();
    }

    void giveBack(long units) {
        if (units > 0 && held.addAndGet(-units) <= lowWater) {
            Thread r = waiting;
            if (r != null) {
                LockSupport.unpark(r);
            }
        }
    }

    /** Items handed out and not yet given back (up to {@link #RETURN_BATCH} per busy session behind). */
    long held() {
        return held.get();
    }

    long readerWaits() {
        return readerWaits;
    }

    long capacity() {
        return capacity;
    }

    /** One session's finished items not yet given back; used by that session's thread only. */
    final class Returns {
        private int done;

        void finished() {
            if (++done >= RETURN_BATCH) {
                flush();
            }
        }

        void flush() {
            giveBack(done);
            done = 0;
        }
    }
}
