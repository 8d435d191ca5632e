package dev.pglab.parser;

/** What one pass over (part of) a log saw, before assembly into items. Mergeable for parallel parts. */
final class ParseCounters {
    long entries;
    long errors;
    long fatals;
    long malformed;
    long invalidUtf8;
    long parses;
    long binds;
    long lines;
    final SessionSet sessions = new SessionSet();

    void merge(ParseCounters o) {
        entries += o.entries;
        errors += o.errors;
        fatals += o.fatals;
        malformed += o.malformed;
        invalidUtf8 += o.invalidUtf8;
        parses += o.parses;
        binds += o.binds;
        lines += o.lines;
        sessions.addAll(o.sessions);
    }
}
