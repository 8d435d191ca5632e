package dev.pglab.cdc.trigger;

import dev.pglab.cdc.Sql;
import java.util.List;

/**
 * A plpgsql trigger function with upstream's traits: SECURITY DEFINER with a fixed search_path, the paused
 * guard as its first statement, {@code lsn := pg_current_wal_insert_lsn()} (upstream's deliberate choice over
 * pg_current_wal_lsn), and {@code pg_notify} after writing.
 */
record TriggerFunction(String schema, String name, List<String> declarations, List<String> body) {

    String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    String create() {
        StringBuilder sql = new StringBuilder("CREATE OR REPLACE FUNCTION ").append(qualifiedName())
                .append("() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER\nSET search_path = ")
                .append(Sql.ident(schema)).append(", pg_catalog, pg_temp AS $pglab$\nDECLARE\n    __lsn pg_lsn;\n");
        for (String d : declarations) {
            sql.append("    ").append(d).append(";\n");
        }
        sql.append("BEGIN\n")
                .append("    IF current_setting('pglab.cdc_paused', true) = 'on' THEN RETURN NULL; END IF;\n")
                .append("    __lsn := pg_current_wal_insert_lsn();\n");
        for (String b : body) {
            sql.append(b.indent(4));
        }
        sql.append("    PERFORM pg_notify('pglab_cdc_wake', '');\n    RETURN NULL;\nEND\n$pglab$");
        return sql.toString();
    }
}
