package dev.pglab.harness.jmh;

import dev.pglab.harness.result.LabSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * A suite that cannot be a JMH benchmark (paced replay, live streams, traced load) but follows JMH's rules:
 * it only declares its arms and how to measure one; {@link PacedRunner} maps the budget to rounds, warm-ups and
 * forked JVMs, runs one arm per JVM, rotates the arms between rounds, records the load and writes the result
 * entries. A suite may also work on the module's JMH results after them ({@link #afterJmh}). {@link LabRunner} finds
 * implementations with {@link java.util.ServiceLoader}. An implementation needs a
 * public no-argument constructor: each fork makes its own.
 */
public interface PacedSuite {

    /**
     * The arms, in a fixed order. Called in the runner and again in every fork, so it must depend only on the
     * settings and the plan.
     */
    default List<PacedArm> arms(LabSettings settings, PacedPlan plan) {
        return List.of();
    }

    /**
     * In the arm's forked JVM, once (JMH's {@code @Setup(Level.Trial)}): start what the arm needs (a server, a
     * fixture). {@code workDir} is the suite's scratch directory.
     */
    default Subject open(PacedArm arm, LabSettings settings, PacedPlan plan, Path workDir) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " declares no arms");
    }

    /**
     * In LabRunner's JVM, after this suite's arms (if any): work on the module's JMH results of this run, which
     * LabRunner hands over typed (bench-cdc's verdicts against the roadmap); notes go to the run's notes file.
     * Returns more result entries (JMH-shaped), none by default.
     */
    default List<com.fasterxml.jackson.databind.node.ObjectNode> afterJmh(LabSettings settings, PacedPlan plan,
            List<dev.pglab.harness.result.KeyResult> jmh, Path workDir) throws Exception {
        return List.of();
    }

    /**
     * In the runner, after the last round: metrics that compare arms of the same round (a ratio to the baseline arm
     * that ran beside it), added to the arms' entries. Rounds line up across arms, so round {@code r} of two arms ran
     * minutes apart at most. None by default.
     */
    default void derive(List<PacedArm> arms, PacedSamples samples) {
    }

    /** One arm, set up in its fork: measured once per iteration, closed after the last. */
    interface Subject extends AutoCloseable {
        /** One iteration; {@code warmup} iterations are discarded by the runner. */
        PacedArm.Sample measure(boolean warmup) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }
}
