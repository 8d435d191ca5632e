package dev.pglab.replay.compare;

import dev.pglab.parser.ReplayItem;
import dev.pglab.replay.Replay;
import dev.pglab.replay.ReplayConfig;
import dev.pglab.replay.ReplayReport;
import dev.pglab.replay.ReplaySource;
import dev.pglab.replay.ReplaySources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Replays one capture alternately on two sides (round i runs A then B when i is even, B then A when odd, so
 * drift in the machine's load falls on both sides alike), each replay from the same starting state, and judges
 * every fingerprint from the per-round ratios.
 */
public final class ReplayCompare {
    private final Path capture;
    private final Optional<String> format;
    private final ReplayConfig config;
    private final CompareSettings settings;
    private final Consumer<String> progress;
    private volatile Replay current;
    private volatile boolean stopped;

    public ReplayCompare(Path capture, Optional<String> format, ReplayConfig config, CompareSettings settings,
                         Consumer<String> progress) {
        this.capture = capture;
        this.format = format;
        this.config = config;
        this.settings = settings;
        this.progress = progress;
    }

    /** One replay's outcome on one side. */
    record Run(int round, String side, ReplayReport report, RoundRecorder recorder) {
    }

    /** Every captured database and the first user seen in it, read once from the capture. */
    public static Map<String, String> capturedDatabases(Path capture, Optional<String> format) throws Exception {
        Map<String, String> dbs = new LinkedHashMap<>();
        try (ReplaySource src = ReplaySources.open(capture, format)) {
            while (src.hasNext()) {
                ReplayItem item = src.next();
                switch (item) {
                    case ReplayItem.Connect c -> dbs.putIfAbsent(c.database(), c.user());
                    case ReplayItem.Statement s -> dbs.putIfAbsent(s.database(), s.user());
                    case ReplayItem.Execute x -> dbs.putIfAbsent(x.database(), x.user());
                    default -> {
                    }
                }
            }
        }
        dbs.remove(null);
        return dbs;
    }

    public CompareReport run(CompareSide a, CompareSide b, StartingState state) throws Exception {
        state.prepare(a);
        if (b != a) {
            state.prepare(b);
        }
        List<Run> runs = new ArrayList<>();
        try {
            for (int round = 0; round < settings.rounds() && !stopped; round++) {
                List<CompareSide> order = round % 2 == 0 ? List.of(a, b) : List.of(b, a);
                for (int i = 0; i < 2 && !stopped; i++) {
                    CompareSide side = order.get(i);
                    String label = (i == 0) == (round % 2 == 0) ? "A" : "B"; // by position: an A/A compare may use one side twice
                    state.reset(side);
                    RoundRecorder rec = new RoundRecorder();
                    Replay replay = new Replay(config, side.target(), List.of(rec));
                    current = replay;
                    ReplayReport report;
                    try (ReplaySource src = ReplaySources.open(capture, format)) {
                        report = replay.run(src);
                    }
                    runs.add(new Run(round, label, report, rec));
                    progress.accept(String.format(java.util.Locale.ROOT, "round %d/%d %s: %d statements in %.1f s, %s",
                            round + 1, settings.rounds(), label, report.statements() + report.executes(),
                            report.wallSeconds(), report.endReason()));
                }
            }
        } finally {
            state.finish(a);
            if (b != a) {
                state.finish(b);
            }
        }
        return CompareReport.of(capture.toString(), a, b, config.speed().toString(), settings, runs, stopped);
    }

    /** Ends the running replay and starts no other (Ctrl-C). */
    public void stop() {
        stopped = true;
        Replay r = current;
        if (r != null) {
            r.stop();
        }
    }
}
