package dev.pglab.trace;

import dev.pglab.harness.observe.SamplerRun;
import dev.pglab.harness.observe.StatementStat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a finished trace wrote.
 *
 * @param sessionFiles  the text trace of every session, in the order sessions were opened
 * @param missing       parts missing for the whole run (per-session ones are in each file's header)
 * @param sampler       the sampler's run, when waits were sampled
 * @param statementDelta pg_stat_statements after minus before, when both snapshots could be taken
 * @param logProblems   jsonlog lines that could not be read (file and byte offset)
 */
public record TraceRun(Path dir, List<Path> sessionFiles, List<String> missing, Optional<SamplerRun> sampler,
                       Optional<List<StatementStat>> statementDelta, List<String> logProblems) {
}
