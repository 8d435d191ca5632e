package dev.pglab.trace;

/**
 * What the server logged about one execution through auto_explain (ANALYZE, BUFFERS, JSON, timing off): its
 * elapsed time and the top plan node's block counters, which include the whole tree.
 *
 * @param elapsedMicros  server-side executor time ({@code duration:} of the auto_explain message)
 * @param ioReadMicros   shared + local + temp block read time (track_io_timing), 0 when it is off
 * @param ioWriteMicros  the same for writes
 */
public record ServerDetail(long elapsedMicros, long sharedHit, long sharedRead, long sharedDirtied, long sharedWritten,
                           long localHit, long localRead, long tempRead, long tempWritten, long ioReadMicros,
                           long ioWriteMicros) {
}
