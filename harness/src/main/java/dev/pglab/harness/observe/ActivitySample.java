package dev.pglab.harness.observe;

/**
 * One row of {@code pg_stat_activity} for one watched backend at one poll.
 *
 * @param nanoTime      client {@link System#nanoTime()} at the middle of the poll's round trip, the best
 *                      estimate of when the server read the row
 * @param pid           the backend's pid
 * @param state         {@code active}, {@code idle}, {@code idle in transaction}, ...; {@code null} if unknown
 * @param waitEventType e.g. {@code Lock}, {@code IO}, {@code Client}; {@code null} when not waiting (on CPU or in
 *                      an uninstrumented wait)
 * @param waitEvent     e.g. {@code transactionid}, {@code WALSync}, {@code ClientRead}; {@code null} when not waiting
 */
public record ActivitySample(long nanoTime, int pid, String state, String waitEventType, String waitEvent) {

    /** {@code Type:Event}, or {@code CPU} for an active backend with no wait event (CPU or uninstrumented). */
    public String eventName() {
        if (waitEventType == null || waitEvent == null) {
            return "CPU";
        }
        return waitEventType + ":" + waitEvent;
    }
}
