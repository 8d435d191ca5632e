package dev.pglab.replay;

/**
 * One replayed session, as replay.json lists it.
 *
 * @param refused the SQLSTATE of a refused connect, {@code null} when it connected (or never needed to)
 * @param lost    whether its connection broke while the server stayed up
 * @param skipped items not run because the session could not connect, lost its connection, or the replay ended
 */
public record SessionSummary(String id, String user, String database, long statements, long executes, long errors,
                             long skipped, double latenessP99Ms, double latenessMaxMs, String refused, boolean lost) {
}
