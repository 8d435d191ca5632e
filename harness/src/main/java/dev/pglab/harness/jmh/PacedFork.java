package dev.pglab.harness.jmh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.harness.result.LabSettings;
import dev.pglab.harness.result.ResultFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The main class of one forked JVM of a paced suite: sets up one arm, runs the plan's warm-up and measured
 * iterations, and writes the measured samples (and this JVM's pid) as JSON for {@link PacedRunner}. Settings come
 * from the command line's {@code -D} properties ({@link LabSettings#forkProperties()}), as in a JMH fork.
 * Arguments: suite class, arm id, work directory, output file.
 */
public final class PacedFork {

    private PacedFork() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("pglab: usage: PacedFork <suite class> <arm id> <work dir> <samples file>");
            System.exit(2);
        }
        try {
            run(args[0], args[1], Path.of(args[2]), Path.of(args[3]));
            System.exit(0);
        } catch (Exception e) {
            System.err.println("pglab: paced fork of " + args[1] + " failed: " + e);
            e.printStackTrace(System.err); // a fork's failure is the suite author's bug: keep the whole trace
            System.exit(1);
        }
    }

    static void run(String suiteClass, String armId, Path workDir, Path samplesFile) throws Exception {
        LabSettings settings = LabSettings.fromSystem();
        PacedPlan plan = PacedPlan.of(settings.budget());
        PacedSuite suite = (PacedSuite) Class.forName(suiteClass).getDeclaredConstructor().newInstance();
        List<PacedArm> arms = suite.arms(settings, plan);
        PacedArm arm = arms.stream().filter(a -> a.id().equals(armId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(suiteClass + " declares no arm " + armId + " in this fork"));
        ObjectNode out = ResultFile.JSON.createObjectNode();
        out.put("pid", ProcessHandle.current().pid());
        ArrayNode samples = out.putArray("samples");
        try (PacedSuite.Subject subject = suite.open(arm, settings, plan, workDir)) {
            for (int i = 0; i < plan.iterationsPerFork(); i++) {
                boolean warmup = i < plan.warmups();
                long start = System.nanoTime();
                PacedArm.Sample s = subject.measure(warmup);
                System.out.printf(Locale.ROOT, "%s %3d: %.3f %s (%.1f s)%n", warmup ? "# Warmup Iteration" : "Iteration",
                        warmup ? i + 1 : i - plan.warmups() + 1, s.primary(), arm.unit(), (System.nanoTime() - start) / 1e9);
                if (!warmup) {
                    samples.add(sample(arm, s));
                }
            }
        }
        ResultFile.JSON.writeValue(samplesFile.toFile(), out);
    }

    /** A sample as JSON; every declared secondary must be there, so a result never has a ragged metric. */
    private static ObjectNode sample(PacedArm arm, PacedArm.Sample s) {
        ObjectNode n = ResultFile.JSON.createObjectNode();
        n.put("primary", s.primary());
        ObjectNode sec = n.putObject("secondaries");
        for (PacedArm.MetricSpec m : arm.secondaries()) {
            Double v = s.secondaries().get(m.name());
            if (v == null) {
                throw new IllegalStateException(arm.id() + " measured no " + m.name() + " (it declares it)");
            }
            sec.put(m.name(), v);
        }
        return n;
    }
}
