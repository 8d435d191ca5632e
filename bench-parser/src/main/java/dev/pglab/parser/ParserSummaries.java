package dev.pglab.parser;

import java.util.List;

/** Builds the public summary from the internal counters. */
final class ParserSummaries {
    private ParserSummaries() {
    }

    static ParseSummary of(String name, LogParser.Plan plan, long bytes, ParseCounters c, ItemCounts i,
                           List<ParseProblem> problems, double seconds, int threads) {
        return new ParseSummary(name, plan.format(), plan.prefixText(), bytes, c.entries, c.sessions.size(),
                i.connects, i.disconnects, i.statements, i.executes, i.executesNamed, i.executesUnnamed,
                i.executesWithParameters, i.parameters, i.nullParameters, c.parses, c.binds, c.errors, c.fatals,
                i.failed, c.malformed,
                c.invalidUtf8, c.lines, i.first(), i.last(), seconds, threads, List.copyOf(problems));
    }
}
