package dev.pglab.harness.jmh.pacedsample;

import dev.pglab.harness.jmh.PacedArm;
import dev.pglab.harness.jmh.PacedPlan;
import dev.pglab.harness.jmh.PacedSamples;
import dev.pglab.harness.jmh.PacedSuite;
import dev.pglab.harness.result.LabSettings;
import dev.pglab.harness.result.MetricKind;
import dev.pglab.harness.result.RunNotes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A paced suite whose samples tell how it was run: the primary metric is the pid of the JVM that measured it,
 * {@code calls} counts this fork's iterations (warm-ups included), {@code openedAt} is when the fork set up.
 */
public final class PidSuite implements PacedSuite {
    static final List<String> ARMS = List.of("a", "b", "c");

    @Override
    public List<PacedArm> arms(LabSettings settings, PacedPlan plan) {
        return ARMS.stream().map(a -> new PacedArm(PacedArm.name(PidSuite.class, "pid"), Map.of("arm", a), "ss", "pid",
                List.of(new PacedArm.MetricSpec("calls", "#", MetricKind.COUNTER),
                        new PacedArm.MetricSpec("openedAt", "ms", MetricKind.OTHER)))).toList();
    }

    /** Derived across arms of a round: how long after arm a's fork this arm's fork set up. */
    @Override
    public void derive(List<PacedArm> arms, PacedSamples samples) {
        PacedArm a = arms.getFirst();
        for (PacedArm arm : arms) {
            samples.add(arm, new PacedArm.MetricSpec("openedAfterA", "ms", MetricKind.TIME), PacedSamples.combine(
                    samples.metric(arm, "openedAt"), samples.metric(a, "openedAt"), (x, y) -> x - y));
        }
    }

    @Override
    public Subject open(PacedArm arm, LabSettings settings, PacedPlan plan, Path workDir) {
        RunNotes.fixture("pid-suite-" + arm.params().get("arm"), "one arm of the paced sample suite");
        long openedAt = System.currentTimeMillis();
        return new Subject() {
            int calls;

            @Override
            public PacedArm.Sample measure(boolean warmup) {
                calls++;
                return new PacedArm.Sample(ProcessHandle.current().pid(), Map.of("calls", (double) calls,
                        "openedAt", (double) openedAt));
            }
        };
    }
}
