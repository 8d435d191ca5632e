package dev.pglab.replay;

/**
 * A replayed session's connection: the captured session id, who it connected as (after user/database maps) and
 * the target backend's pid.
 */
public record SessionInfo(String sessionId, String user, String database, int backendPid) {
}
