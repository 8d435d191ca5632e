package dev.pglab.reports;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.parser.ReplayItem;
import dev.pglab.replay.Replay;
import dev.pglab.replay.ReplayConfig;
import dev.pglab.replay.ReplayMode;
import dev.pglab.replay.ReplayReport;
import dev.pglab.replay.ReplaySource;
import dev.pglab.replay.ReplayTimeline;
import dev.pglab.replay.ReportWriter;
import dev.pglab.replay.ServerTarget;
import dev.pglab.replay.bench.StallCapture;
import dev.pglab.replay.bench.StallWorkload;
import java.nio.file.Path;
import java.util.List;

/**
 * The seed article's stall, for real: bench-replay's stall capture (21 sessions, S00's {@code pg_sleep(3)} cut
 * short in the capture) replayed at speed 1 into a real PostgreSQL per session and serially, each into a report
 * directory as {@code pglab replay --report DIR} writes it (replay.json, timeline.json, index.html).
 */
final class StallReplays {
    private StallReplays() {
    }

    static void run(PgServer pg, Path sessionDir, Path serialDir) throws Exception {
        List<ReplayItem> capture = StallCapture.items(StallWorkload.ISSUE);
        ServerTarget server = ServerTarget.of(pg, true);
        server.provision(StallWorkload.USER, StallWorkload.DATABASE);
        replay(capture, server, ReplayMode.SESSION, sessionDir);
        replay(capture, server, ReplayMode.SERIAL, serialDir);
    }

    static ReplayReport replay(List<ReplayItem> capture, ServerTarget server, ReplayMode mode, Path dir) throws Exception {
        Replay replay = new Replay(ReplayConfig.defaults().withMode(mode), server, List.of());
        ReplayTimeline timeline = new ReplayTimeline(replay);
        replay.addListener(timeline);
        ReplayReport report = replay.run(ReplaySource.of(capture, "stall capture"));
        ReportWriter.write(report, dir);
        timeline.write(dir);
        ReplayPage.write(List.of(dir), dir.resolve("index.html"));
        return report;
    }
}
