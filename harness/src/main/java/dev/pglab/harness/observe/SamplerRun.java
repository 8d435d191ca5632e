package dev.pglab.harness.observe;

import java.util.List;

/**
 * What an {@link ActivitySampler} saw between start and stop.
 *
 * @param samples             every row seen, in poll order
 * @param polls               number of polls made
 * @param requestedPeriodNanos the period asked for
 * @param achievedPeriodNanos the mean interval between polls actually achieved (wall time / polls); the
 *                            resolution a wait estimate really has
 * @param samplerThreadCpuNanos CPU time of the client thread that polled
 * @param samplerBackendPid   the pid of the sampler's own backend, so its server CPU can be measured
 * @param source              {@code pg_stat_activity} or {@code pg_wait_sampling_history}
 */
public record SamplerRun(List<ActivitySample> samples, long polls, long requestedPeriodNanos,
                         long achievedPeriodNanos, long samplerThreadCpuNanos, int samplerBackendPid, String source) {
    public SamplerRun {
        samples = List.copyOf(samples);
    }
}
