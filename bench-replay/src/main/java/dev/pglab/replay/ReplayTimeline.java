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
    /** Connections opened and closed per second (rare events: recorded as they happen). */
    private final Map<Integer, Connections> connections = new ConcurrentHashMap<>();

    private static final class Connections {
        final LongAdder opened = new LongAdder();
        final LongAdder closed = new LongAdder();
    }

    /**
     * Add with {@link Replay#addListener} before the replay runs; its clock is the replay's. The executions per
     * second come from the replay's metrics, which keep them from the sessions' batches once a timeline exists.
     */
    public ReplayTimeline(Replay replay) {
        this.replay = replay;
        replay.metrics.keepSeconds();
    }

    private Connections at(long nanos) {
        long zero = replay.startNanos();
        int s = zero == 0 ? 0 : (int) Math.max(0, (nanos - zero) / 1_000_000_000L);
        return connections.computeIfAbsent(s, k -> new Connections());
    }

    @Override
    public void connectionOpened(SessionInfo session, Connection connection) {
        at(System.nanoTime()).opened.increment();
    }

    @Override
    public void connectionClosing(SessionInfo session, Connection connection) {
        at(System.nanoTime()).closed.increment();
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
        replay.metrics.withSeconds(series -> {
            write(root, series);
            return null;
        });
        return root;
    }

    private void write(ObjectNode root, SecondSeries series) {
        Map<Integer, SecondSeries.Second> seconds = series == null ? Map.of() : series.seconds;
        ArrayNode out = root.putArray("seconds");
        int last = java.util.stream.Stream.concat(seconds.keySet().stream(), connections.keySet().stream())
                .mapToInt(Integer::intValue).max().orElse(-1);
        long active = 0;
        for (int t = 0; t <= last; t++) {
            SecondSeries.Second s = seconds.get(t);
            Connections c = connections.get(t);
            if (c != null) {
                active += c.opened.sum() - c.closed.sum();
            }
            ObjectNode o = out.addObject();
            o.put("t", t);
            o.put("executed", s == null ? 0 : s.executed).put("errors", s == null ? 0 : s.errors)
                    .put("sessionsActive", Math.max(0, active));
            if (s != null && s.latenessMicros.getTotalCount() > 0) {
                o.put("latenessP50Ms", s.latenessMicros.getValueAtPercentile(50) / 1000.0)
                        .put("latenessP99Ms", s.latenessMicros.getValueAtPercentile(99) / 1000.0)
                        .put("latenessMaxMs", s.latenessMicros.getMaxValue() / 1000.0);
            }
        }
        ArrayNode capture = root.putArray("capture");
        TreeMap<Long, long[]> sorted = new TreeMap<>(series == null ? Map.of() : series.captureSeconds);
        if (!sorted.isEmpty()) {
            long first = sorted.firstKey();
            root.put("captureStartEpochSeconds", first);
            for (long t = first; t <= sorted.lastKey(); t++) {
                long[] n = sorted.get(t);
                capture.addObject().put("t", t - first).put("executed", n == null ? 0 : n[0]);
            }
        }
    }

    /** Writes {@code timeline.json} into the report directory. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        JSON.writeValue(file.toFile(), toJson());
        return file;
    }
}
