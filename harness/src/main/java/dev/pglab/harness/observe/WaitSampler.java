package dev.pglab.harness.observe;

import java.sql.SQLException;

/** Something that samples the wait events of chosen backends until stopped. */
public sealed interface WaitSampler extends AutoCloseable permits PollingSampler {

    /** Adds a backend to sample from now on. */
    void watch(int pid);

    /** The pid of the sampler's own backend (its server CPU is part of the sampling cost). */
    int backendPid();

    /** Stops, closes the sampler's connection and returns everything seen. */
    SamplerRun stop() throws SQLException;
}
