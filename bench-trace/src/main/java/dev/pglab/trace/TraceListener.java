package dev.pglab.trace;

import dev.pglab.replay.Execution;
import dev.pglab.replay.ExecutionListener;
import dev.pglab.replay.SessionInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Traces a replay through the replay engine's hook: each replayed session's connection becomes a traced session
 * (server detail enabled on it before its first item, its backend sampled), and each execution the driver ran
 * is recorded with the driver's own times, rows and SQLSTATE. Bind values come from the capture as text, so
 * their type is {@code unknown} (the server infers it, as in the capture).
 */
public final class TraceListener implements ExecutionListener {
    private final Tracer tracer;
    private final Map<String, SessionRecorder> sessions = new ConcurrentHashMap<>();

    public TraceListener(Tracer tracer) {
        this.tracer = tracer;
    }

    private static String key(String sessionId, int pid) {
        return sessionId + "/" + pid;
    }

    @Override
    public void connectionOpened(SessionInfo session, Connection connection) throws SQLException {
        sessions.put(key(session.sessionId(), session.backendPid()), tracer.session(connection, session.sessionId()));
    }

    @Override
    public void executed(Execution e) {
        SessionRecorder recorder = sessions.get(key(e.sessionId(), e.backendPid()));
        if (recorder == null) {
            return; // a session whose connect this listener did not see
        }
        List<Bind> binds = new ArrayList<>(e.binds().size());
        for (int i = 0; i < e.binds().size(); i++) {
            binds.add(BindCodec.ofText(i, "unknown", e.binds().get(i)));
        }
        recorder.record(e.sql(), binds, e.startNanos(), e.endNanos(), e.rows(), e.sqlState(),
                e.failed() ? "SQLSTATE " + e.sqlState() : null);
    }

    @Override
    public void connectionClosing(SessionInfo session, Connection connection) {
        SessionRecorder recorder = sessions.remove(key(session.sessionId(), session.backendPid()));
        if (recorder != null) {
            recorder.close();
        }
    }
}
