package dev.pglab.wal;

import java.time.Duration;

/**
 * When a replication reader may read the socket again: a latency budget traded for fewer wake-ups. After each
 * read, the reader hands its messages to the consumer at once and then pauses ("naps") before the next read, so
 * bytes that arrive meanwhile wait in the kernel and one wake-up handles many transactions. A reader that found
 * nothing after its nap blocks as usual, so an idle stream adds no latency to its next arrival.
 *
 * <p>A nap never exceeds half the budget, because bytes can wait for up to two naps: a byte that reaches the
 * reader's kernel during a nap waits at most that nap, but while the reader does not read, its TCP receive window
 * fills (on loopback it stayed at 130-170 KB for the walsender's many small segments, whatever SO_RCVBUF asks) and
 * the walsender holds what it could not send until the next read opens the window; that waits at most one more
 * nap. Two half-budget naps keep the added delivery latency within the budget.
 *
 * <p>The nap also shrinks with the arrival rate so that about {@code byteThreshold} bytes arrive per nap: a busy
 * stream is read as often as it needs, before its window closes, and the walsender is not held back. Keep the
 * threshold below the receive window. The rate is estimated from the last read (bytes it returned ÷ time since the
 * read before it). A read that filled all of the reader's free buffer space means more is waiting: no nap.
 *
 * @param budgetNanos   the most delivery latency the pacing may add; naps are at most half of it (0 = read at
 *                      once, as an unpaced reader does)
 * @param byteThreshold about how many bytes may arrive per nap on a busy stream
 */
public record ReadPacing(long budgetNanos, int byteThreshold) {
    /** No nap: every read happens as soon as the previous messages are handled. */
    public static final ReadPacing IMMEDIATE = new ReadPacing(0, 64 * 1024);
    /** Default byte threshold: half the smallest receive window measured on loopback (about 130 KB). */
    public static final int DEFAULT_THRESHOLD = 64 * 1024;

    public ReadPacing {
        if (budgetNanos < 0) {
            throw new IllegalArgumentException("latency budget " + budgetNanos + " ns: expected >= 0");
        }
        if (byteThreshold <= 0) {
            throw new IllegalArgumentException("byte threshold " + byteThreshold + ": expected > 0");
        }
    }

    /** A budget with the default byte threshold. */
    public static ReadPacing budget(Duration budget) {
        return new ReadPacing(budget.toNanos(), DEFAULT_THRESHOLD);
    }

    /**
     * How long to wait before the next read: at most half the budget.
     *
     * @param bytesRead            bytes the last read returned
     * @param nanosSincePreviousRead time between the previous read's return and the last read's return
     * @param bufferFilled         the last read filled all the free space it was offered
     */
    public long napNanos(long bytesRead, long nanosSincePreviousRead, boolean bufferFilled) {
        long longest = budgetNanos / 2;
        if (longest == 0 || bufferFilled) {
            return 0;
        }
        if (bytesRead <= 0 || nanosSincePreviousRead <= 0) {
            return longest;
        }
        // nap = threshold ÷ rate, where rate = bytesRead ÷ interval; double: the product can exceed a long
        double nap = (double) byteThreshold * nanosSincePreviousRead / bytesRead;
        return nap >= longest ? longest : (long) nap;
    }
}
