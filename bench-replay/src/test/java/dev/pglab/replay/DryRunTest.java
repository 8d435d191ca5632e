package dev.pglab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.parser.ReplayItem;
import dev.pglab.replay.bench.ScriptedCapture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The reader, schedule and session threads without a server: every item reaches its session, in order. */
class DryRunTest {

    @Property(tries = 20)
    void everySessionGetsExactlyItsItemsInCaptureOrder(@ForAll @IntRange(min = 1, max = 40) int sessions,
                                                       @ForAll @IntRange(min = 1, max = 50) int perSession,
                                                       @ForAll boolean serial) {
        ScriptedCapture capture = new ScriptedCapture();
        for (int s = 0; s < sessions; s++) {
            var session = capture.session("s" + s, "u", "d").connect(s);
            for (int k = 0; k < perSession; k++) {
                session.statement(s + k * 3, "select " + k);
            }
            session.disconnect(s + perSession * 3);
        }
        Map<String, ConcurrentLinkedQueue<ReplayItem>> seen = new ConcurrentHashMap<>();
        Replay replay = Replay.dryRun(ReplayConfig.defaults().withSpeed(Speed.MAX)
                        .withMode(serial ? ReplayMode.SERIAL : ReplayMode.SESSION).withMaxPending(7),
                (id, item, due, start) -> seen.computeIfAbsent(id, k -> new ConcurrentLinkedQueue<>()).add(item));
        List<ReplayItem> items = capture.items();
        ReplayReport report = replay.run(ReplaySource.of(items, "scripted"));
        assertThat(report.dryRunItems()).isEqualTo(items.size());
        assertThat(report.endReason()).isEqualTo("completed");
        assertThat(seen).hasSize(sessions);
        for (int s = 0; s < sessions; s++) {
            String id = "s" + s;
            assertThat(List.copyOf(seen.get(id))).isEqualTo(items.stream().filter(i -> i.sessionId().equals(id)).toList());
        }
        assertThat(replay.metrics().pending()).isZero();
    }

    @Test
    void aDryRunOfATruncatedReplayFileIsASourceErrorNotCompleted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        ScriptedCapture capture = new ScriptedCapture();
        var session = capture.session("a", "u", "d").connect(0);
        for (int k = 0; k < 200; k++) {
            session.statement(k, "select " + k);
        }
        session.disconnect(300);
        java.nio.file.Path file = dir.resolve("cap.replay");
        try (var w = new dev.pglab.parser.ReplayFileWriter(file)) {
            capture.items().forEach(w);
            w.finish();
        }
        byte[] whole = java.nio.file.Files.readAllBytes(file);
        java.nio.file.Files.write(file, java.util.Arrays.copyOf(whole, whole.length * 6 / 10));
        ReplayReport report = Replay.dryRun(ReplayConfig.defaults().withSpeed(Speed.MAX), (id, item, due, start) -> { })
                .run(ReplaySources.open(file, java.util.Optional.empty()));
        assertThat(report.endReason()).isEqualTo("source error");
        assertThat(report.sourceError()).contains("cap.replay").contains("truncated");
    }

    @Test
    void aPacedDryRunHandsEachItemOverNoEarlierThanItsDueTime() {
        ScriptedCapture capture = new ScriptedCapture();
        capture.session("a", "u", "d").statement(0, "x").statement(30, "y").statement(60, "z");
        ConcurrentLinkedQueue<long[]> times = new ConcurrentLinkedQueue<>();
        Replay.dryRun(ReplayConfig.defaults(), (id, item, due, start) -> times.add(new long[] {due, start}))
                .run(ReplaySource.of(capture.items(), "scripted"));
        assertThat(times).hasSize(3).allSatisfy(t -> assertThat(t[1]).isGreaterThanOrEqualTo(t[0]));
    }
}
