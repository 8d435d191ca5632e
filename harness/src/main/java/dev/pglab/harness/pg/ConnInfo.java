package dev.pglab.harness.pg;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where and as whom to connect, resolved as libpq does: explicit values first, then what a connection string
 * ({@code postgresql://}, {@code postgres://}, {@code jdbc:postgresql:} or {@code key=value} conninfo) says, then
 * the {@code PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD} variables, then {@code .pgpass} (or {@code PGPASSFILE}),
 * then libpq's defaults (localhost, 5432, the OS user, a database named like the user).
 *
 * @param host      host name or address (PgJDBC has no Unix sockets: libpq's socket default becomes localhost)
 * @param port      TCP port
 * @param user      role to connect as
 * @param database  database name
 * @param password  password, when one was found
 * @param options   other PgJDBC properties from the connection string (sslmode, ...), passed through
 */
public record ConnInfo(String host, int port, String user, String database, Optional<String> password,
                       Map<String, String> options) {

    public ConnInfo {
        options = Map.copyOf(options);
    }

    /** What the user gave; any part may be null. {@code dbname} may be a plain name or a connection string. */
    public record Given(String host, Integer port, String user, String dbname) {
        public static Given none() {
            return new Given(null, null, null, null);
        }

        public boolean isEmpty() {
            return host == null && port == null && user == null && dbname == null;
        }
    }

    /** Resolves {@code given} against the environment {@code env} (System.getenv() in the command line). */
    public static ConnInfo resolve(Given given, Map<String, String> env) {
        Map<String, String> kv = new LinkedHashMap<>();
        if (given.dbname() != null) {
            kv.putAll(parse(given.dbname()));
        }
        putIfSet(kv, "host", given.host());
        putIfSet(kv, "port", given.port() == null ? null : given.port().toString());
        putIfSet(kv, "user", given.user());
        String host = first(kv.remove("host"), env.get("PGHOST"), "localhost");
        String portText = first(kv.remove("port"), env.get("PGPORT"), "5432");
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + portText + "' is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        String user = first(kv.remove("user"), env.get("PGUSER"), System.getProperty("user.name"));
        String database = first(kv.remove("dbname"), env.get("PGDATABASE"), user);
        String password = first(kv.remove("password"), env.get("PGPASSWORD"), null);
        if (password == null) {
            password = PgPass.lookup(PgPass.file(env), host, port, database, user).orElse(null);
        }
        return new ConnInfo(host, port, user, database, Optional.ofNullable(password).filter(p -> !p.isEmpty()), kv);
    }

    /**
     * The key/value pairs of a connection string: a URI ({@code postgresql://user:pw@host:port/db?k=v},
     * {@code postgres://...}, {@code jdbc:postgresql://host:port/db?k=v}, {@code jdbc:postgresql:db}), a libpq
     * conninfo ({@code host=h port=5 dbname='my db'}), or a plain database name. Keys as libpq names them.
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        String s = text.trim();
        if (s.startsWith("jdbc:postgresql:")) {
            String rest = s.substring("jdbc:postgresql:".length());
            if (rest.startsWith("//")) {
                uri(rest.substring(2), text, kv);
            } else { // jdbc:postgresql:db?props
                int q = rest.indexOf('?');
                putIfSet(kv, "dbname", decode(q < 0 ? rest : rest.substring(0, q)));
                query(q < 0 ? "" : rest.substring(q + 1), kv);
            }
        } else if (s.startsWith("postgresql://") || s.startsWith("postgres://")) {
            uri(s.substring(s.indexOf("://") + 3), text, kv);
        } else if (looksLikeUrl(s)) {
            throw new IllegalArgumentException("'" + Redaction.redact(text) + "' is not a PostgreSQL connection string:"
                    + " expected postgresql://, postgres://, jdbc:postgresql: or key=value pairs");
        } else if (s.contains("=")) {
            conninfo(s, kv);
        } else if (!s.isEmpty()) {
            kv.put("dbname", s);
        }
        return kv;
    }

    /** A scheme before any '=' or blank: some other URL (mysql://, jdbc:mysql:, http://). */
    private static boolean looksLikeUrl(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0 || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static void uri(String rest, String original, Map<String, String> kv) {
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        String beforeQuery = q < 0 ? rest : rest.substring(0, q);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String path = slash < 0 ? "" : beforeQuery.substring(slash + 1);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            putIfSet(kv, "user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                kv.put("password", decode(userInfo.substring(colon + 1)));
            }
        }
        String host = authority;
        String port = null;
        if (authority.startsWith("[")) { // [::1]:5432
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + Redaction.redact(original) + "': unclosed '[' in the host");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            port = after.startsWith(":") ? after.substring(1) : null;
        } else if (authority.indexOf(':') >= 0 && authority.indexOf(',') < 0) {
            host = authority.substring(0, authority.indexOf(':'));
            port = authority.substring(authority.indexOf(':') + 1);
        }
        putIfSet(kv, "host", decode(host));
        putIfSet(kv, "port", port);
        putIfSet(kv, "dbname", decode(path));
        query(query, kv);
    }

    private static void query(String query, Map<String, String> kv) {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            kv.put(switch (k) {
                case "database" -> "dbname"; // PgJDBC's name for it
                case "PGHOST" -> "host";
                case "PGPORT" -> "port";
                default -> k;
            }, v);
        }
    }

    /** libpq conninfo: key = value pairs, values optionally single-quoted with backslash escapes. */
    private static void conninfo(String s, Map<String, String> kv) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int keyStart = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String key = s.substring(keyStart, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '=') {
                throw new IllegalArgumentException("connection string: missing '=' after '" + key + "' at offset " + i);
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(s.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("connection string: unterminated quoted value for '" + key + "'");
                }
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    value.append(c == '\\' && i < n ? s.charAt(i++) : c);
                }
            }
            kv.put(key, value.toString());
        }
    }

    private static String decode(String s) {
        return s == null ? null : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void putIfSet(Map<String, String> kv, String key, String value) {
        if (value != null && !value.isEmpty()) {
            kv.put(key, value);
        }
    }

    private static String first(String a, String b, String c) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        return b != null && !b.isEmpty() ? b : c;
    }

    /** {@code host:port} as PgJDBC URLs want it (IPv6 addresses in brackets). */
    public String hostPort() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The JDBC URL for {@code database}, without user or password (they go in {@link #properties()}). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + hostPort() + "/" + java.net.URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    /** The PgJDBC properties: the connection string's options, the user and the password. */
    public Properties properties() {
        Properties props = new Properties();
        options.forEach(props::setProperty);
        props.setProperty("user", user);
        password.ifPresent(p -> props.setProperty("password", p));
        return props;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), properties());
    }

    /** For messages: {@code postgresql://user@host:port/db}, never the password. */
    public String describe() {
        return "postgresql://" + user + "@" + hostPort() + "/" + database;
    }

    @Override
    public String toString() {
        return describe();
    }
}
