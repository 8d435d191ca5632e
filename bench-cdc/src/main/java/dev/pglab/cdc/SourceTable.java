package dev.pglab.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A source table as its catalog describes it: columns in attnum order and the primary key, if any. Keyless
 * tables (no primary key) are hashed on all columns, as upstream does.
 */
public record SourceTable(String schema, String name, List<SourceColumn> columns, List<String> keyColumns) {

    public SourceTable {
        columns = List.copyOf(columns);
        keyColumns = List.copyOf(keyColumns);
        if (columns.isEmpty()) {
            throw new CdcException("source table " + schema + "." + name + " has no columns to capture");
        }
    }

    public boolean keyed() {
        return !keyColumns.isEmpty();
    }

    public String qualified() {
        return Sql.qualified(schema, name);
    }

    /** The key columns, or every column for a keyless table (the content hash). */
    public List<SourceColumn> hashColumns() {
        return keyed() ? columns.stream().filter(c -> keyColumns.contains(c.name())).toList() : columns;
    }

    public List<SourceColumn> keyColumnList() {
        return columns.stream().filter(c -> keyColumns.contains(c.name())).toList();
    }

    public SourceColumn column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst()
                .orElseThrow(() -> new CdcException("source table " + schema + "." + name + " has no column "
                        + columnName + " (columns: " + columns.stream().map(SourceColumn::name).toList() + ")"));
    }

    /** Reads a table's columns (not dropped, not generated, attnum > 0) and primary key from the catalog. */
    public static SourceTable read(Connection connection, String schema, String table) throws SQLException {
        String columnsSql = """
                select a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       exists (select 1 from pg_operator o
                               where o.oprname = '=' and o.oprleft = a.atttypid and o.oprright = a.atttypid)
                       or exists (select 1 from pg_type t where t.oid = a.atttypid and t.typcategory in ('S', 'N', 'D', 'B'))
                from pg_attribute a
                join pg_class c on c.oid = a.attrelid
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = ? and c.relname = ? and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                order by a.attnum""";
        List<SourceColumn> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(columnsSql)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new SourceColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new CdcException("no table " + schema + "." + table + " with columns in the catalog of "
                    + connection.getMetaData().getURL());
        }
        String keySql = """
                select a.attname
                from pg_index i
                join pg_class c on c.oid = i.indrelid
                join pg_namespace n on n.oid = c.relnamespace
                join lateral unnest(i.indkey) with ordinality k(attnum, ord) on true
                join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
                where n.nspname = ? and c.relname = ? and i.indisprimary
                order by k.ord""";
        List<String> key = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(keySql)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return new SourceTable(schema, table, columns, key);
    }
}
