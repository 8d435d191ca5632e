package dev.pglab.replay;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A server given by URL: {@code jdbc:postgresql://host:port[/db][?props]} or {@code postgresql://host:port[/db]}.
 * The database in the URL is ignored (each session connects to its captured database); {@code user} and
 * {@code password} in the query are ignored too (users come from the capture, the password from
 * {@code PGPASSWORD} or {@code .pgpass}); other properties are passed to PgJDBC.
 */
public final class UrlTarget implements ReplayTarget {
    private final TargetConnections connections;
    private final String shown;

    private UrlTarget(TargetConnections connections, String shown) {
        this.connections = connections;
        this.shown = shown;
    }

    public static UrlTarget parse(String url) {
        return parse(url, TargetConnections.passwordFromEnvironment());
    }

    public static UrlTarget parse(String url, Optional<String> password) {
        String rest;
        if (url.startsWith("jdbc:postgresql://")) {
            rest = url.substring("jdbc:postgresql://".length());
        } else if (url.startsWith("postgresql://")) {
            rest = url.substring("postgresql://".length());
        } else if (url.startsWith("postgres://")) {
            rest = url.substring("postgres://".length());
        } else {
            throw new IllegalArgumentException("target '" + dev.pglab.harness.pg.Redaction.redact(url)
                    + "' is not a PostgreSQL URL: expected jdbc:postgresql://host:port, postgresql://host:port or 'embedded'");
        }
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        String authority = q < 0 ? rest : rest.substring(0, q);
        int slash = authority.indexOf('/');
        String hostPort = slash < 0 ? authority : authority.substring(0, slash);
        int at = hostPort.lastIndexOf('@');
        if (at >= 0) {
            hostPort = hostPort.substring(at + 1); // user info: the capture decides users
        }
        if (hostPort.isEmpty()) {
            throw new IllegalArgumentException("target '" + dev.pglab.harness.pg.Redaction.redact(url) + "' names no host");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!k.equals("user") && !k.equals("password")) {
                options.put(k, v);
            }
        }
        return new UrlTarget(new TargetConnections(hostPort, options, password), "postgresql://" + hostPort);
    }

    /**
     * The server {@code info} names; sessions still connect as their captured user to their captured database
     * (map them with the replay's user and database maps), with {@code info}'s password when it has one.
     */
    public static UrlTarget of(dev.pglab.harness.pg.ConnInfo info) {
        return new UrlTarget(new TargetConnections(info.hostPort(), info.options(), info.password()),
                "postgresql://" + info.hostPort());
    }

    @Override
    public Connection connect(String user, String database) throws SQLException {
        return connections.connect(user, database);
    }

    @Override
    public String describe() {
        return shown;
    }
}
