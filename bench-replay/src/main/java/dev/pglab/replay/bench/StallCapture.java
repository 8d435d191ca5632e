package dev.pglab.replay.bench;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.LogCapture;
import dev.pglab.harness.result.RunNotes;
import dev.pglab.parser.LogParser;
import dev.pglab.parser.ParserOptions;
import dev.pglab.parser.ReplayItem;
import java.util.ArrayList;
import java.util.List;

/**
 * The stall workload captured by a real server (fixtures' LogCapture, cached by fixture id) and parsed by
 * bench-parser. Only the workload's own sessions are kept (the capture's user), so the replay holds exactly
 * the experiment.
 */
public final class StallCapture {
    private StallCapture() {
    }

    public static CapturedLogs logs(StallWorkload workload) {
        CapturedLogs logs = LogCapture.capture(workload.fixtureId(), workload::run);
        RunNotes.fixture(workload.fixtureId(), "LogCapture of StallWorkload: " + workload.sessions() + " sessions x "
                + workload.slots() + " statements every " + workload.periodMillis() + " ms; S00 runs "
                + StallWorkload.SLEEP + " at slot " + workload.sleepSlot() + " (cut to 20 ms in the capture)");
        return logs;
    }

    public static List<ReplayItem> items(StallWorkload workload) {
        CapturedLogs logs = logs(workload);
        List<ReplayItem> items = new ArrayList<>();
        java.util.Set<String> ours = new java.util.HashSet<>();
        new LogParser(ParserOptions.defaults()).parse(logs.csv(), item -> {
            boolean keep = switch (item) {
                case ReplayItem.Connect c -> StallWorkload.USER.equals(c.user()) && ours.add(c.sessionId());
                case ReplayItem.Statement s -> StallWorkload.USER.equals(s.user());
                case ReplayItem.Execute e -> StallWorkload.USER.equals(e.user());
                default -> ours.contains(item.sessionId());
            };
            if (keep) {
                items.add(item);
            }
        });
        return items;
    }
}
