package dev.pglab.parser;

/**
 * An entry the parser skipped or read with a warning: where it is and what was expected.
 *
 * @param line   1-based line of the entry's start
 * @param offset byte offset of the entry's start in the (uncompressed) input
 */
public record ParseProblem(String file, long line, long offset, String message) {
    @Override
    public String toString() {
        return LogParseException.location(file, line, offset) + ": " + message;
    }
}
