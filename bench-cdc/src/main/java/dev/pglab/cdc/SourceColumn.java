package dev.pglab.cdc;

/**
 * One captured column of a source table, in attnum order.
 *
 * @param name        the column name as the catalog spells it
 * @param type        {@code format_type(atttypid, atttypmod)}, e.g. {@code numeric(12,2)}
 * @param notNull     {@code attnotnull}
 * @param hasEquality whether the type has an {@code =} operator; without one (json, point) the change bitmask
 *                    compares the text forms, as upstream does for pgvector
 */
public record SourceColumn(String name, String type, boolean notNull, boolean hasEquality) {
}
