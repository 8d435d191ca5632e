package dev.pglab.harness.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.harness.result.LabSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * A suite that cannot be a JMH benchmark (paced replay, live streams) but follows the same rules: warm-up,
 * several independent runs kept as raw samples, results consumed. {@link LabRunner} finds implementations
 * with {@link java.util.ServiceLoader} and stores what they return beside the JMH results, in JMH's JSON
 * shape (see {@link JmhShaped}), so the gate and the report treat both alike.
 */
public interface PacedSuite {

    /** Runs the suite within the budget; {@code workDir} is a scratch directory for its files. */
    List<ObjectNode> run(Budget budget, Path workDir) throws Exception;

    /**
     * What LabRunner calls: the run's settings (budget, layout, knobs). A suite that needs more than the budget
     * overrides this one.
     */
    default List<ObjectNode> run(LabSettings settings, Path workDir) throws Exception {
        return run(settings.budget(), workDir);
    }
}
