package dev.pglab.ci;

import dev.pglab.harness.measure.LoadGuard;

/**
 * The gate's rules in numbers. {@link #standard()} is the lab's policy (see ci/README.md); tests may use a
 * different load guard to separate the statistics from this machine's load.
 *
 * @param guard          load per core and steal above which timing is INCONCLUSIVE
 * @param confidence     of the bootstrap interval of the timing ratio (advisory)
 * @param minThreshold   T's floor: timing changes below it are noise (10 %)
 * @param catastrophic   timing fails hard only when every current fork is this many times slower than the
 *                       slowest baseline fork, with a clean load guard
 * @param allocRelative  bytes/op may grow by this share ...
 * @param allocAbsolute  ... plus this many bytes
 * @param counterTolerance relative tolerance of domain counters per op
 */
public record GateConfig(LoadGuard guard, double confidence, double minThreshold, double catastrophic,
                         double allocRelative, double allocAbsolute, double counterTolerance) {

    public static GateConfig standard() {
        return new GateConfig(LoadGuard.DEFAULT, 0.99, 0.10, 3.0, 0.02, 16, 0.01);
    }

    public GateConfig withGuard(LoadGuard g) {
        return new GateConfig(g, confidence, minThreshold, catastrophic, allocRelative, allocAbsolute, counterTolerance);
    }

    /** T for a key: max(10 %, 3 x its calibrated A/A noise). */
    public double threshold(Baseline.Noise noise) {
        return noise == null ? minThreshold : Math.max(minThreshold, 3 * noise.aaLogMad());
    }
}
