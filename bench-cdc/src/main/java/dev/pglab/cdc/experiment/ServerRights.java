package dev.pglab.cdc.experiment;

import dev.pglab.cdc.CdcException;
import dev.pglab.cdc.Jdbc;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * What the experiment needs from a server before it touches anything: PostgreSQL 12 or newer, a primary (not
 * a standby), CREATE on the database (for its scratch schema), plpgsql, and {@code pg_current_wal_insert_lsn()}.
 */
public final class ServerRights {
    private ServerRights() {
    }

    /** Throws a {@link CdcException} listing every missing right, with how to grant it. */
    public static void require(Connection c) {
        String user = Jdbc.queryString(c, "SELECT current_user");
        String db = Jdbc.queryString(c, "SELECT current_database()");
        List<String> missing = new ArrayList<>();
        if (Jdbc.queryLong(c, "SELECT current_setting('server_version_num')::int") < 120000) {
            missing.add("PostgreSQL 12 or newer is needed (found " + Jdbc.queryString(c, "SHOW server_version") + ")");
        }
        if ("t".equals(Jdbc.queryString(c, "SELECT pg_is_in_recovery()"))) {
            missing.add("the server is a standby (in recovery): point --target at the primary");
        }
        if (!"t".equals(Jdbc.queryString(c, "SELECT has_database_privilege(current_database(), 'CREATE')"))) {
            missing.add("user " + user + " may not create schemas in database " + db + " (the experiment works in a scratch"
                    + " schema it creates and drops): GRANT CREATE ON DATABASE " + db + " TO " + user + ", or use a scratch database");
        }
        if (!"t".equals(Jdbc.queryString(c, "SELECT coalesce((SELECT has_language_privilege('plpgsql', 'USAGE')), false)"))) {
            missing.add("user " + user + " may not use plpgsql (the CDC triggers are plpgsql functions)");
        }
        if (!"t".equals(Jdbc.queryString(c, "SELECT has_function_privilege('pg_current_wal_insert_lsn()', 'EXECUTE')"))) {
            missing.add("user " + user + " may not execute pg_current_wal_insert_lsn() (the triggers stamp changes with it)");
        }
        if (!missing.isEmpty()) {
            throw new CdcException("pglab cdc run cannot run on database " + db + " as " + user + ":\n  - "
                    + String.join("\n  - ", missing));
        }
    }
}
