package dev.pglab.cdc.experiment;

import dev.pglab.cdc.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * The experiment's source table, deterministic: {@code id bigint PRIMARY KEY} plus {@code columns - 1} columns
 * cycling int4 / text (12 chars) / numeric(12,2) / timestamptz, as in the hand-made sanity check; {@code rows}
 * rows whose values are functions of the id, so every variant and every run sees the same data.
 */
public record SourceFixture(int columns, int rows) {

    public SourceFixture {
        if (columns < 2 || columns > 400) {
            throw new IllegalArgumentException("columns must be 2..400, was " + columns);
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be positive, was " + rows);
        }
    }

    public String id() {
        return "cdc-src-" + columns + "c-" + rows + "r";
    }

    public String description() {
        return "source table id bigint PK + " + (columns - 1) + " columns cycling int4/text(12)/numeric(12,2)/timestamptz, "
                + rows + " rows, values derived from id";
    }

    /** The name of data column {@code i} (1-based): c01, c02, ... */
    public static String column(int i) {
        return "c%02d".formatted(i);
    }

    private static String type(int i) {
        return switch ((i - 1) % 4) {
            case 0 -> "int4";
            case 1 -> "text";
            case 2 -> "numeric(12,2)";
            default -> "timestamptz";
        };
    }

    /** The value of column {@code i} for the row whose id is the SQL expression {@code g}. */
    static String value(int i, String g) {
        return switch ((i - 1) % 4) {
            case 0 -> "((" + g + ") * " + (7 + i) + " % 100000)::int4";
            case 1 -> "substr(md5((" + g + ")::text || '" + i + "'), 1, 12)";
            case 2 -> "round(((" + g + ") * " + i + " % 1000000) / 100.0, 2)";
            default -> "timestamptz '2026-01-01 00:00:00+00' + ((" + g + ") * " + i + ") * interval '1 second'";
        };
    }

    public List<String> create(String schema, String table) {
        String qualified = Sql.qualified(schema, table);
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(qualified).append(" (id bigint PRIMARY KEY");
        List<String> values = new ArrayList<>(List.of("g"));
        for (int i = 1; i < columns; i++) {
            ddl.append(", ").append(column(i)).append(' ').append(type(i));
            values.add(value(i, "g"));
        }
        ddl.append(")");
        return List.of(ddl.toString(),
                "INSERT INTO " + qualified + " SELECT " + String.join(", ", values) + " FROM generate_series(1, " + rows + ") g",
                "VACUUM ANALYZE " + qualified);
    }

    /** An INSERT of new rows with ids {@code from .. to}, values derived like the initial ones. */
    String insertRange(String qualified, String from, String to) {
        List<String> values = new ArrayList<>(List.of("g"));
        for (int i = 1; i < columns; i++) {
            values.add(value(i, "g"));
        }
        return "INSERT INTO " + qualified + " SELECT " + String.join(", ", values) + " FROM generate_series(" + from + ", " + to + ") g";
    }
}
