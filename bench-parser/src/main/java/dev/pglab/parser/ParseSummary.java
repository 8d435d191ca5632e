package dev.pglab.parser;

import java.util.List;

/**
 * What a parse found, with the definitions of {@code pglab parse --json}: {@code sessions} = distinct session
 * ids; {@code connects} = {@code connection authorized} entries; {@code statements} = simple-protocol statements
 * (never counted twice when both log_statement and log_min_duration_statement log them); {@code executes} =
 * extended-protocol executions with or without parameters; {@code parameters} = values in the executes'
 * {@code parameters:} details; {@code parses} / {@code binds} = {@code duration: ... parse|bind} entries (logged
 * only with durations; never replayed themselves); {@code malformed} = entries skipped or read with a problem.
 *
 * @param problems the first problems (at most {@link ParserOptions#maxProblems()}), with file:line and offset
 */
public record ParseSummary(String file, LogFormat format, String prefix, long bytes, long entries, long sessions,
                           long connects, long disconnects, long statements, long executes, long executesNamed,
                           long executesUnnamed, long executesWithParameters, long parameters, long nullParameters,
                           long parses, long binds, long errors, long fatals, long failed, long malformed,
                           long invalidUtf8, long lines,
                           LogTimestamp firstTimestamp, LogTimestamp lastTimestamp, double seconds, int threads,
                           List<ParseProblem> problems) {

    public long items() {
        return connects + disconnects + statements + executes;
    }

    public double mbPerSecond() {
        return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
    }
}
