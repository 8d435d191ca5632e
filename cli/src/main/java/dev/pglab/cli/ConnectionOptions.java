package dev.pglab.cli;

import dev.pglab.harness.pg.ConnInfo;
import dev.pglab.harness.pg.Redaction;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The connection options of every command that talks to a server, as psql and pgbench spell them. Resolution is
 * {@link ConnInfo}'s (libpq's): options, then the connection string in {@code -d}, then PG* variables, then
 * {@code .pgpass}. Without any of -h/-p/-d/--target and with neither PGHOST nor PGPORT set, the command uses
 * the lab's default: an embedded PostgreSQL started for the run.
 */
public final class ConnectionOptions {

    @Option(names = {"-h", "--host"}, paramLabel = "HOST", order = 100,
            description = "Server host (default: $PGHOST, else localhost).")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", order = 101,
            description = "Server port (default: $PGPORT, else 5432).")
    Integer port;

    @Option(names = {"-U", "--username"}, paramLabel = "USER", order = 102,
            description = "User name (default: $PGUSER, else the OS user).")
    String user;

    @Option(names = {"-d", "--dbname"}, paramLabel = "DBNAME|CONNSTR", order = 103,
            description = "Database name, or a connection string: postgresql://u:pw@host:port/db, postgres://..., "
                    + "jdbc:postgresql://host:port/db?user=u, or 'host=h port=5432 dbname=db' (default: $PGDATABASE).")
    String dbname;

    @Option(names = "--target", paramLabel = "embedded|docker|CONNSTR", order = 104,
            description = "'embedded' (a PostgreSQL 17 started here: the default when no server is named), 'docker' "
                    + "(Testcontainers), or a connection string as for -d. Password: the string, $PGPASSWORD or .pgpass.")
    String target;

    /** Where the command's server is. */
    public sealed interface Target {
        record Embedded() implements Target {
        }

        record Docker() implements Target {
        }

        /**
         * A running server. {@code userGiven} / {@code databaseGiven}: the user named them (-U, -d, or in the
         * string), not the environment or defaults; replay then connects every session so.
         */
        record Server(ConnInfo info, boolean userGiven, boolean databaseGiven) implements Target {
        }
    }

    /** A command's older option for the same thing (wal stream's --url) sets the target. */
    public void aliasTarget(String value) {
        target = value;
    }

    /** Resolves the options against {@code env} (System.getenv() at run time; tests pass their own). */
    public Target resolve(Map<String, String> env) {
        String connStr = dbname;
        if (target != null) {
            switch (target.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "embedded" -> {
                    requireNoServerOptions("embedded");
                    return new Target.Embedded();
                }
                case "docker" -> {
                    requireNoServerOptions("docker");
                    return new Target.Docker();
                }
                default -> {
                    if (dbname != null) {
                        throw new IllegalArgumentException("give the server once: --target or -d, not both");
                    }
                    connStr = target;
                }
            }
        }
        boolean named = host != null || port != null || connStr != null
                || notBlank(env.get("PGHOST")) || notBlank(env.get("PGPORT"));
        if (!named) {
            return new Target.Embedded();
        }
        Map<String, String> given = connStr == null ? Map.of() : ConnInfo.parse(connStr);
        ConnInfo info = ConnInfo.resolve(new ConnInfo.Given(host, port, user, connStr), env);
        return new Target.Server(info, user != null || given.containsKey("user"), given.containsKey("dbname"));
    }

    public Target resolve() {
        return resolve(System.getenv());
    }

    private void requireNoServerOptions(String what) {
        if (host != null || port != null || dbname != null) {
            throw new IllegalArgumentException("--target " + what + " starts its own server: drop -h, -p and -d");
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** For messages: what the user named, without secrets. */
    public String shown() {
        return Redaction.redact(target != null ? target : dbname != null ? dbname : (host + ":" + port));
    }
}
