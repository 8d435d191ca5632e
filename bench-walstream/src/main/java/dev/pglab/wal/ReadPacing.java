package dev.pglab.wal;

import java.time.Duration;

/**
 * When a replication reader may read the socket again: a latency budget traded for fewer wake-ups. After each
 * read, the reader hands its messages to the consumer at once and then pauses ("naps") before the next read, so
 * bytes that arrive meanwhile wait in the kernel and one wake-up handles many transactions. A byte that arrives
 * during a nap waits at most the nap, and a nap never exceeds {@code budget}: the added delivery latency is bounded
 * by the budget. A reader that found nothing after its nap blocks as usual, so an idle stream adds no latency to
 * its next arrival.
 *
 * <p>The nap also shrinks with the arrival rate so that about {@code byteThreshold} bytes wait per read: a busy
 * stream is read as often as it needs, and the kernel's receive buffer never fills up and stalls the walsender.
 * The rate is estimated from the last read (bytes it returned ÷ time since the read before it). A read that filled
 * all of the reader's free buffer space means more is waiting: no nap.
 *
 * @param budgetNanos   the longest nap, i.e. the most delivery latency the pacing adds (0 = read at once, as an
 *                      unpaced reader does)
 * @param byteThreshold about how many bytes a busy stream may buffer in the kernel before the reader reads
 */
public record ReadPacing(long budgetNanos, int byteThreshold) {
    /** No nap: every read happens as soon as the previous messages are handled. */
    public static final ReadPacing IMMEDIATE = new ReadPacing(0, 256 * 1024);
    /** Default byte threshold: well below the receive buffer Linux autotunes a loopback TCP socket to. */
    public static final int DEFAULT_THRESHOLD = 256 * 1024;

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
     * How long to wait before the next read.
     *
     * @param bytesRead            bytes the last read returned
     * @param nanosSincePreviousRead time between the previous read's return and the last read's return
     * @param bufferFilled         the last read filled all the free space it was offered
     */
    public long napNanos(long bytesRead, long nanosSincePreviousRead, boolean bufferFilled) {
        if (budgetNanos == 0 || bufferFilled) {
            return 0;
        }
        if (bytesRead <= 0 || nanosSincePreviousRead <= 0) {
            return budgetNanos;
        }
        // nap = threshold ÷ rate, where rate = bytesRead ÷ interval; double: the product can exceed a long
        double nap = (double) byteThreshold * nanosSincePreviousRead / bytesRead;
        return nap >= budgetNanos ? budgetNanos : (long) nap;
    }
}
