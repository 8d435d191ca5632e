package dev.pglab.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * A replay second by second, for the replay page ({@code timeline.json}, schema {@value #SCHEMA}): per second of
 * the replay's clock the statements and executes sent, errors, lateness p50/p99/max and sessions connected; per
 * second of the capture's own clock the items the capture held, so the two rates can be drawn side by side.
 * Memory: one small histogram (2 significant digits, microseconds) per second of replay.
 */
public final class ReplayTimeline implements ExecutionListener {
    public static final String SCHEMA = "pglab-replay-timeline/1";
    public static final String FILE = "timeline.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Replay replay;
    private final Map<Integer, Second> seconds = new ConcurrentHashMap<>();
    private final Map<Long, LongAdder> captureSeconds = new ConcurrentHashMap<>();

    private static final class Second {
        final LongAdder executed = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder opened = new LongAdder();
        final LongAdder closed = new LongAdder();
        final ConcurrentHistogram latenessMicros = new ConcurrentHistogram(2);

        Second() {
            latenessMicros.setAutoResize(true);
        }
    }

    /** Add with {@link Replay#addListener} before the replay runs; its clock is the replay's. */
    public ReplayTimeline(Replay replay) {
        this.replay = replay;
    }

    private Second at(long nanos) {
        long zero = replay.startNanos();
        int s = zero == 0 ? 0 : (int) Math.max(0, (nanos - zero) / 1_000_000_000L);
        return seconds.computeIfAbsent(s, k -> new Second());
    }

    @Override
    public void connectionOpened(SessionInfo session, Connection connection) {
        at(System.nanoTime()).opened.increment();
    }

    @Override
    public void connectionClosing(SessionInfo session, Connection connection) {
        at(System.nanoTime()).closed.increment();
    }

    @Override
    public void executed(Execution e) {
        Second s = at(e.startNanos());
        s.executed.increment();
        if (e.failed()) {
            s.errors.increment();
        }
        s.latenessMicros.recordValue(Math.max(0, e.latenessNanos() / 1000));
        if (e.item() != null) {
            captureSeconds.computeIfAbsent(Math.floorDiv(e.item().timestamp().epochMicros(), 1_000_000L),
                    k -> new LongAdder()).increment();
        }
    }

    /** The series as JSON: every second from 0 to the last, empty seconds included (a stall is a run of zeros). */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("mode", replay.config.mode().name().toLowerCase(java.util.Locale.ROOT));
        root.put("speed", replay.config.speed().toString());
        root.put("source", replay.sourceDescription());
        root.put("target", replay.target.describe());
        long cpu = replay.clientCpuNanos();
        if (cpu >= 0) {
            root.put("clientCpuMs", Math.round(cpu / 1e3) / 1e3);
            root.put("clientCpuMsPer1k", ReplayReport.cpuMsPer1k(replay));
        }
        ArrayNode out = root.putArray("seconds");
        int last = seconds.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        long active = 0;
        for (int t = 0; t <= last; t++) {
            Second s = seconds.get(t);
            ObjectNode o = out.addObject();
            o.put("t", t);
            if (s == null) {
                o.put("executed", 0).put("errors", 0).put("sessionsActive", active);
                continue;
            }
            active += s.opened.sum() - s.closed.sum();
            o.put("executed", s.executed.sum()).put("errors", s.errors.sum()).put("sessionsActive", Math.max(0, active));
            if (s.latenessMicros.getTotalCount() > 0) {
                o.put("latenessP50Ms", s.latenessMicros.getValueAtPercentile(50) / 1000.0)
                        .put("latenessP99Ms", s.latenessMicros.getValueAtPercentile(99) / 1000.0)
                        .put("latenessMaxMs", s.latenessMicros.getMaxValue() / 1000.0);
            }
        }
        ArrayNode capture = root.putArray("capture");
        TreeMap<Long, LongAdder> sorted = new TreeMap<>(captureSeconds);
        if (!sorted.isEmpty()) {
            long first = sorted.firstKey();
            root.put("captureStartEpochSeconds", first);
            for (long t = first; t <= sorted.lastKey(); t++) {
                LongAdder n = sorted.get(t);
                capture.addObject().put("t", t - first).put("executed", n == null ? 0 : n.sum());
            }
        }
        return root;
    }

    /** Writes {@code timeline.json} into the report directory. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        JSON.writeValue(file.toFile(), toJson());
        return file;
    }
}
