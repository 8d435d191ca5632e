package dev.pglab.parser;

/**
 * What the interpreter finds in entries, in log order; the assembler turns it into items. An {@link ItemView} is
 * valid only during the call: a sink that keeps it calls {@link ItemView#toItem()}.
 */
interface EventSink {
    /** A Connect, Disconnect, Statement or Execute as the entry states it (no duration, not failed yet). */
    void item(ItemView item);

    /**
     * A {@code duration:} entry: alone it closes the session's open statement; with a statement or execute of its
     * own ({@code duration: X ms  statement: ...}) that item comes along.
     */
    void duration(String session, double millis, ItemView withItem);

    /** ERROR, FATAL or PANIC in a session: its open statement failed. */
    void failure(String session);

    /** An extended-protocol parse or bind step: whatever the session ran before has finished. */
    void step(String session);

    void problem(ParseProblem problem);
}
