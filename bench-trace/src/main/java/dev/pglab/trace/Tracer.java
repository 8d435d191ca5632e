package dev.pglab.trace;

import dev.pglab.harness.observe.ActivitySample;
import dev.pglab.harness.observe.ActivitySampler;
import dev.pglab.harness.observe.SamplerRun;
import dev.pglab.harness.observe.StatementStat;
import dev.pglab.harness.observe.StatementStatsSnapshot;
import dev.pglab.harness.observe.WaitSampler;
import dev.pglab.harness.observe.WaitSamplingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Traces sessions 10046-style, from the client side and stock server features only:
 * <ol>
 *   <li>every call on a traced session (SQL, binds, client elapsed time, rows, errors), at no server cost;</li>
 *   <li>per execution server time, buffers, I/O time and the plan with actual rows, from auto_explain enabled on
 *       the traced sessions only and read back from the server's jsonlog;</li>
 *   <li>waits, from a pg_stat_activity sampler on its own connection, attributed to calls by time window.</li>
 * </ol>
 * A part the server does not allow (no superuser, no auto_explain, no jsonlog) is listed as missing in each trace's
 * header; the trace is still written. Usage: {@code start}, then {@link #trace} or {@link #session} per
 * connection, run the work, {@link #finish}.
 */
public final class Tracer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tracer.class);
    static final String PART_CLIENT = "client calls (SQL, binds, e=, rows, errors)";
    static final String PART_SERVER = "server detail (auto_explain: se=, buffers, STAT plan lines)";
    static final String PART_IO = "I/O time (track_io_timing)";
    static final String PART_WAITS = "waits (sampled)";
    static final String PART_PGSS = "pg_stat_statements before/after";
    private static final List<String> AUTO_EXPLAIN_SETTINGS = List.of(
            "auto_explain.log_analyze = on", "auto_explain.log_buffers = on", "auto_explain.log_timing = off",
            "auto_explain.log_nested_statements = on", "auto_explain.log_format = json",
            "auto_explain.log_level = log", "auto_explain.log_min_duration = 0");

    private final TraceConfig config;
    private final Connection control;
    private final String serverVersion;
    private final long anchorNanos;
    private final long anchorWallMicros;
    private final List<String> missing = new ArrayList<>();
    private final Path jsonLog;
    private final long jsonLogStart;
    private final StatementStatsSnapshot before;
    private final WaitSampler sampler;
    private final List<TracedSession> sessions = new ArrayList<>();
    private final Set<String> stems = new HashSet<>();
    private boolean finished;

    private record TracedSession(SessionRecorder recorder, String stem, String user, String database,
                                 boolean serverDetail, List<String> parts, List<String> missing) {
    }

    private Tracer(TraceConfig config, Connection control, ConnectionSource source) throws SQLException {
        this.config = config;
        this.control = control;
        control.setAutoCommit(true);
        this.serverVersion = scalar(control, "select version()");
        this.anchorNanos = System.nanoTime();
        Instant now = Instant.now();
        this.anchorWallMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        this.jsonLog = config.serverDetail() ? locateJsonLog() : null;
        this.jsonLogStart = jsonLog == null ? 0 : sizeOf(jsonLog);
        StatementStatsSnapshot snap = null;
        if (config.statementStats()) {
            StringBuilder why = new StringBuilder();
            snap = StatementStatsSnapshot.tryTake(control, why).orElse(null);
            if (snap == null) {
                missing.add(PART_PGSS + ": " + why.toString().trim());
            }
        }
        this.before = snap;
        WaitSampler s = null;
        if (config.waits()) {
            try {
                // pg_wait_sampling's history when installed (its collector samples inside the server); else polling
                s = WaitSamplingHistory.installed(control)
                        ? WaitSamplingHistory.start(source.open(), Duration.ofMillis(500))
                        : ActivitySampler.start(source.open(), config.samplePeriod());
            } catch (SQLException e) {
                missing.add(PART_WAITS + ": the sampler cannot start: " + e.getMessage());
            }
        }
        this.sampler = s;
    }

    /** Starts a trace: opens a control connection (and the sampler's) from {@code source}. */
    public static Tracer start(TraceConfig config, ConnectionSource source) throws SQLException {
        Connection control = source.open();
        try {
            return new Tracer(config, control, source);
        } catch (SQLException | RuntimeException e) {
            control.close();
            throw e;
        }
    }

    public TraceConfig config() {
        return config;
    }

    /** The sampler's own backend, so a caller can measure its server CPU; -1 when there is no sampler. */
    public int samplerBackendPid() {
        return sampler == null ? -1 : sampler.backendPid();
    }

    /** The sampler's connection backend pid and the traced backends' pids. */
    public synchronized List<Integer> tracedPids() {
        return sessions.stream().map(s -> s.recorder.backendPid()).toList();
    }

    /** Wraps a fresh connection: every call through the returned one is traced; closing it ends the session. */
    public Connection trace(Connection connection, String sessionName) throws SQLException {
        return TracingConnection.wrap(connection, session(connection, sessionName));
    }

    /**
     * Registers a session for the explicit API: enables server detail on the connection (before any work), starts
     * sampling its backend and returns the recorder to report its calls to.
     */
    public SessionRecorder session(Connection connection, String sessionName) throws SQLException {
        int pid;
        String user;
        String database;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select pg_backend_pid(), current_user, current_database()")) {
            rs.next();
            pid = rs.getInt(1);
            user = rs.getString(2);
            database = rs.getString(3);
        }
        List<String> parts = new ArrayList<>(List.of(PART_CLIENT));
        List<String> sessionMissing = new ArrayList<>();
        boolean detail = false;
        if (jsonLog != null) {
            detail = enableServerDetail(connection, parts, sessionMissing);
        }
        SessionRecorder recorder = new SessionRecorder(sessionName, pid, System.nanoTime(), () -> { });
        synchronized (this) {
            if (finished) {
                throw new IllegalStateException("the trace in " + config.dir() + " has finished");
            }
            sessions.add(new TracedSession(recorder, stemFor(sessionName), user, database, detail, parts, sessionMissing));
        }
        if (sampler != null) {
            sampler.watch(pid);
        }
        return recorder;
    }

    private boolean enableServerDetail(Connection c, List<String> parts, List<String> sessionMissing) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            boolean ioTiming = "on".equals(scalar(c, "select current_setting('track_io_timing')"));
            if (!ioTiming) {
                try {
                    st.execute("SET track_io_timing = on");
                    ioTiming = true;
                } catch (SQLException e) {
                    sessionMissing.add(PART_IO + ": track_io_timing is off and cannot be set: " + e.getMessage());
                }
            }
            try {
                if (scalar(c, "select current_setting('auto_explain.log_min_duration', true)") == null) {
                    st.execute("LOAD 'auto_explain'");
                }
                // log_min_duration last: from then on every executor run of this session is logged
                for (String setting : AUTO_EXPLAIN_SETTINGS) {
                    st.execute("SET " + setting);
                }
            } catch (SQLException e) {
                sessionMissing.add(PART_SERVER + ": auto_explain cannot be enabled on this session: "
                        + e.getMessage().replace('\n', ' ')
                        + " (needs superuser, or auto_explain in session_preload_libraries with the settings"
                        + " granted via ALTER ROLE ... SET)");
                sessionMissing.removeIf(m -> m.startsWith(PART_IO));
                sessionMissing.add(PART_IO + ": comes with server detail");
                return false;
            }
            parts.add(PART_SERVER);
            if (ioTiming) {
                parts.add(PART_IO);
            }
            return true;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private Path locateJsonLog() {
        if (config.jsonLog().isPresent()) {
            Path p = config.jsonLog().get();
            if (!Files.isReadable(p)) {
                missing.add(PART_SERVER + ": the jsonlog " + p + " is not readable here");
                return null;
            }
            return p;
        }
        try {
            String name = scalar(control, "select pg_current_logfile('jsonlog')");
            if (name == null) {
                missing.add(PART_SERVER + ": the server writes no jsonlog (log_destination must include jsonlog,"
                        + " logging_collector on); current log_destination=" + scalar(control,
                        "select current_setting('log_destination')"));
                return null;
            }
            Path p = Path.of(name);
            if (!p.isAbsolute()) {
                p = Path.of(scalar(control, "select current_setting('data_directory')")).resolve(p);
            }
            if (!Files.isReadable(p)) {
                missing.add(PART_SERVER + ": the server's jsonlog " + p + " is not readable from this machine"
                        + " (pass it with --json-log when it is mounted elsewhere)");
                return null;
            }
            return p;
        } catch (SQLException e) {
            missing.add(PART_SERVER + ": cannot locate the server's jsonlog: " + e.getMessage().replace('\n', ' ')
                    + " (pg_current_logfile needs superuser or a grant; or pass the file)");
            return null;
        }
    }

    /**
     * Stops sampling, collects the server's entries, writes one trace per session plus {@code trace-run.json} and
     * {@code pg_stat_statements.json}, and closes the tracer's own connections.
     */
    public synchronized TraceRun finish() throws IOException, SQLException {
        if (finished) {
            throw new IllegalStateException("the trace in " + config.dir() + " has already finished");
        }
        finished = true;
        try {
            return collectAndWrite();
        } finally {
            control.close();
        }
    }

    private TraceRun collectAndWrite() throws IOException, SQLException {
        SamplerRun samples = null;
        if (sampler != null) {
            try {
                samples = sampler.stop();
            } catch (SQLException e) {
                missing.add(PART_WAITS + ": " + e.getMessage());
            }
        }
        Map<Integer, List<ServerPlan>> plans = Map.of();
        List<String> logProblems = List.of();
        if (jsonLog != null && sessions.stream().anyMatch(TracedSession::serverDetail)) {
            AutoExplainLog.Read read = readServerLog();
            plans = read.plans();
            logProblems = read.problems();
            if (!read.markerSeen()) {
                missing.add(PART_SERVER + ": the server log did not catch up within 10 s; late entries are missing");
            }
        }
        Optional<List<StatementStat>> delta = Optional.empty();
        if (before != null) {
            StringBuilder why = new StringBuilder();
            Optional<StatementStatsSnapshot> after = StatementStatsSnapshot.tryTake(control, why);
            if (after.isPresent()) {
                delta = Optional.of(after.get().delta(before));
                TraceFiles.writeJson(config.dir().resolve("pg_stat_statements.json"), Map.of(
                        "before", before.takenAt().toString(), "after", after.get().takenAt().toString(),
                        "entries", delta.get()));
            } else {
                missing.add(PART_PGSS + ": the second snapshot failed: " + why);
            }
        }
        Map<Integer, List<ActivitySample>> byPid = new HashMap<>();
        if (samples != null) {
            for (ActivitySample s : samples.samples()) {
                byPid.computeIfAbsent(s.pid(), k -> new ArrayList<>()).add(s);
            }
        }
        List<Path> files = new ArrayList<>();
        List<Map<String, Object>> sessionSummaries = new ArrayList<>();
        for (TracedSession s : sessions) {
            int pid = s.recorder.backendPid();
            List<String> parts = new ArrayList<>(s.parts);
            List<String> allMissing = new ArrayList<>(missing);
            allMissing.addAll(s.missing);
            List<ActivitySample> mine = null;
            if (samples != null) {
                mine = byPid.getOrDefault(pid, List.of());
                if (!mine.isEmpty() && mine.stream().allMatch(a -> a.state() == null)) {
                    allMissing.add(PART_WAITS + ": the sampler's role cannot see this backend's activity (grant it"
                            + " pg_read_all_stats, or trace as the same role)");
                    mine = null;
                } else {
                    parts.add(PART_WAITS);
                }
            }
            if (before != null) {
                parts.add(PART_PGSS);
            }
            long requested = samples == null ? 0 : samples.requestedPeriodNanos() / 1000;
            long achieved = samples == null ? 0 : samples.achievedPeriodNanos() / 1000;
            TraceEvent.Header header = new TraceEvent.Header(s.recorder.name(), pid, s.user, s.database, serverVersion,
                    anchorWallMicros + (s.recorder.openedNanos() - anchorNanos) / 1000,
                    samples == null ? "none" : samples.source(), requested, achieved, parts, allMissing);
            List<TraceEvent> events = new SessionTraceBuilder(anchorNanos, anchorWallMicros).build(header, s.recorder,
                    s.serverDetail ? plans.getOrDefault(pid, List.of()) : null, mine,
                    samples == null ? 0 : samples.achievedPeriodNanos(),
                    samples != null && !samples.source().equals("pg_stat_activity"));
            TraceFiles.write(config.dir(), s.stem, events);
            files.add(config.dir().resolve(s.stem + TraceFiles.TEXT_SUFFIX));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("session", s.recorder.name());
            summary.put("pid", pid);
            summary.put("file", s.stem + TraceFiles.TEXT_SUFFIX);
            summary.put("calls", s.recorder.executions().size());
            summary.put("parts", parts);
            summary.put("missing", allMissing);
            sessionSummaries.add(summary);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("server", serverVersion);
        run.put("sessions", sessionSummaries);
        run.put("missing", missing);
        if (samples != null) {
            run.put("sampler", Map.of("source", samples.source(), "polls", samples.polls(),
                    "requestedPeriodMicros", samples.requestedPeriodNanos() / 1000,
                    "achievedPeriodMicros", samples.achievedPeriodNanos() / 1000,
                    "threadCpuMicros", samples.samplerThreadCpuNanos() / 1000));
        }
        run.put("logProblems", logProblems);
        TraceFiles.writeJson(config.dir().resolve("trace-run.json"), run);
        return new TraceRun(config.dir(), files, List.copyOf(missing), Optional.ofNullable(samples), delta, logProblems);
    }

    private AutoExplainLog.Read readServerLog() throws SQLException {
        String marker = "pglab-trace-flush-" + UUID.randomUUID();
        int controlPid = Integer.parseInt(scalar(control, "select pg_backend_pid()"));
        try (Statement st = control.createStatement()) {
            // logged after every traced backend's entries: the collector writes messages in the order they arrive
            st.execute("DO $$BEGIN RAISE LOG '" + marker + "'; END$$");
        }
        Set<Integer> pids = new HashSet<>(tracedPids());
        long deadline = System.nanoTime() + 10_000_000_000L;
        AutoExplainLog.Read read;
        do {
            sleep(30);
            read = AutoExplainLog.read(jsonLog, jsonLogStart, pids, controlPid, marker);
        } while (!read.markerSeen() && System.nanoTime() < deadline);
        for (String p : read.problems()) {
            LOG.warn("trace: {}", p);
        }
        return read;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String stemFor(String name) {
        StringBuilder s = new StringBuilder();
        for (char c : name.toCharArray()) {
            s.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        String base = s.isEmpty() ? "session" : s.toString();
        String stem = base;
        for (int n = 2; !stems.add(stem); n++) {
            stem = base + "-" + n;
        }
        return stem;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Finishes the trace if {@link #finish} was not called. */
    @Override
    public void close() throws IOException, SQLException {
        synchronized (this) {
            if (finished) {
                return;
            }
        }
        finish();
    }
}
