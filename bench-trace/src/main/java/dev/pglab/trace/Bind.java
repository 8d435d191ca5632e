package dev.pglab.trace;

/**
 * One bind value as the trace records it.
 *
 * @param position 0-based parameter position ({@code $1} is 0)
 * @param type     PostgreSQL type name the value was bound as ({@code int4}, {@code text}, {@code timestamptz}, ...),
 *                 {@code unknown} when the driver lets the server infer it
 * @param value    the value in a lossless text form (see {@link BindCodec}); {@code null} for SQL NULL
 */
public record Bind(int position, String type, String value) {
}
