package dev.pglab.replay;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Keeps every execution and opened session, for assertions. */
final class RecordingListener implements ExecutionListener {
    final ConcurrentLinkedQueue<Execution> executions = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<SessionInfo> opened = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<SessionInfo> closing = new ConcurrentLinkedQueue<>();

    @Override
    public void connectionOpened(SessionInfo session, Connection connection) {
        opened.add(session);
    }

    @Override
    public void executed(Execution execution) {
        executions.add(execution);
    }

    @Override
    public void connectionClosing(SessionInfo session, Connection connection) {
        closing.add(session);
    }

    List<Execution> of(String sessionId) {
        return executions.stream().filter(e -> e.sessionId().equals(sessionId)).toList();
    }
}
