package dev.pglab.trace;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wraps a JDBC connection so every call through it lands in a {@link SessionRecorder}: statement text as the
 * server receives it ({@code ?} turned into {@code $n}, as PgJDBC does), binds from the setters, start and end
 * of each execute, rows (update counts, or rows read from the result set) and errors. {@code commit()} and
 * {@code rollback()} are recorded as {@code COMMIT} / {@code ROLLBACK} calls. Dynamic proxies keep this small;
 * the per-call cost is measured by TraceOverheadSuite's client-only arm.
 */
public final class TracingConnection {
    private TracingConnection() {
    }

    static Connection wrap(Connection real, SessionRecorder recorder) {
        return (Connection) Proxy.newProxyInstance(TracingConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ConnectionHandler(real, recorder));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static final class ConnectionHandler implements InvocationHandler {
        private final Connection real;
        private final SessionRecorder recorder;

        ConnectionHandler(Connection real, SessionRecorder recorder) {
            this.real = real;
            this.recorder = recorder;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement", "prepareCall" -> {
                    Object stmt = TracingConnection.invoke(real, method, args);
                    String sql = NativeSql.withDollarPlaceholders((String) args[0]);
                    Class<?> type = method.getName().equals("prepareCall") ? CallableStatement.class : PreparedStatement.class;
                    return statementProxy(type, (Statement) stmt, sql, (Connection) proxy);
                }
                case "createStatement" -> {
                    Object stmt = TracingConnection.invoke(real, method, args);
                    return statementProxy(Statement.class, (Statement) stmt, null, (Connection) proxy);
                }
                case "commit", "rollback" -> {
                    if (args != null && args.length > 0) {
                        return TracingConnection.invoke(real, method, args); // rollback(Savepoint)
                    }
                    TracedCall e = recorder.begin(method.getName().toUpperCase(java.util.Locale.ROOT), List.of());
                    try {
                        Object r = TracingConnection.invoke(real, method, args);
                        recorder.end(e, 0);
                        return r;
                    } catch (SQLException x) {
                        recorder.fail(e, x);
                        throw x;
                    }
                }
                case "close" -> {
                    if (!real.isClosed()) {
                        recorder.close();
                    }
                    return TracingConnection.invoke(real, method, args);
                }
                case "unwrap" -> {
                    return ((Class<?>) args[0]).isInstance(proxy) ? proxy : real.unwrap((Class<?>) args[0]);
                }
                case "isWrapperFor" -> {
                    return ((Class<?>) args[0]).isInstance(proxy) || real.isWrapperFor((Class<?>) args[0]);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "traced(" + real + ")";
                }
                default -> {
                    return TracingConnection.invoke(real, method, args);
                }
            }
        }

        private Object statementProxy(Class<?> type, Statement stmt, String sql, Connection connection) {
            return Proxy.newProxyInstance(TracingConnection.class.getClassLoader(), new Class<?>[] {type},
                    new StatementHandler(stmt, sql, recorder, connection));
        }
    }

    /** Statement, PreparedStatement and CallableStatement: one handler, the SQL known up front or per call. */
    private static final class StatementHandler implements InvocationHandler {
        private final Statement real;
        private final String preparedSql;
        private final SessionRecorder recorder;
        private final Connection connection;
        private final TreeMap<Integer, Bind> binds = new TreeMap<>();
        private final List<List<Bind>> batch = new ArrayList<>();
        private final List<String> sqlBatch = new ArrayList<>();
        private TracedCall last;

        StatementHandler(Statement real, String preparedSql, SessionRecorder recorder, Connection connection) {
            this.real = real;
            this.preparedSql = preparedSql;
            this.recorder = recorder;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer pos
                    && preparedSql != null) {
                binds.put(pos - 1, bindFor(name, pos - 1, args));
                return TracingConnection.invoke(real, method, args);
            }
            return switch (name) {
                case "clearParameters" -> {
                    binds.clear();
                    yield TracingConnection.invoke(real, method, args);
                }
                case "addBatch" -> {
                    if (args == null || args.length == 0) {
                        batch.add(currentBinds());
                    } else {
                        sqlBatch.add((String) args[0]);
                    }
                    yield TracingConnection.invoke(real, method, args);
                }
                case "clearBatch" -> {
                    batch.clear();
                    sqlBatch.clear();
                    yield TracingConnection.invoke(real, method, args);
                }
                case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> execute(proxy, method, args);
                case "executeBatch", "executeLargeBatch" -> executeBatch(method, args);
                case "getResultSet" -> {
                    Object rs = TracingConnection.invoke(real, method, args);
                    yield rs == null ? null : countingResultSet((ResultSet) rs, last, proxy);
                }
                case "getConnection" -> connection;
                case "unwrap" -> ((Class<?>) args[0]).isInstance(proxy) ? proxy : real.unwrap((Class<?>) args[0]);
                case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy) || real.isWrapperFor((Class<?>) args[0]);
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "traced(" + real + ")";
                default -> TracingConnection.invoke(real, method, args);
            };
        }

        private List<Bind> currentBinds() {
            return binds.isEmpty() ? List.of() : List.copyOf(binds.values());
        }

        private Object execute(Object proxy, Method method, Object[] args) throws Throwable {
            boolean direct = args != null && args.length > 0 && args[0] instanceof String;
            String sql = direct ? (String) args[0] : preparedSql;
            List<List<Bind>> sets = direct || binds.isEmpty() ? List.of() : List.of(currentBinds());
            TracedCall e = recorder.begin(sql, sets);
            last = e;
            try {
                Object result = TracingConnection.invoke(real, method, args);
                long rows = switch (result) {
                    case Integer n -> Math.max(n, 0);
                    case Long n -> Math.max(n, 0);
                    case Boolean isQuery when !isQuery -> Math.max(real.getUpdateCount(), 0);
                    default -> 0;
                };
                recorder.end(e, rows);
                if (result instanceof ResultSet rs) {
                    return countingResultSet(rs, e, proxy);
                }
                return result;
            } catch (SQLException x) {
                recorder.fail(e, x);
                throw x;
            }
        }

        private Object executeBatch(Method method, Object[] args) throws Throwable {
            String sql = preparedSql != null ? preparedSql : String.join(";\n", sqlBatch);
            TracedCall e = recorder.begin(sql, preparedSql != null ? List.copyOf(batch) : List.of());
            batch.clear();
            sqlBatch.clear();
            try {
                Object result = TracingConnection.invoke(real, method, args);
                long rows = 0;
                if (result instanceof int[] counts) {
                    for (int c : counts) {
                        rows += Math.max(c, 0);
                    }
                } else if (result instanceof long[] counts) {
                    for (long c : counts) {
                        rows += Math.max(c, 0);
                    }
                }
                recorder.end(e, rows);
                return result;
            } catch (SQLException x) {
                recorder.fail(e, x);
                throw x;
            }
        }

        private Object countingResultSet(ResultSet rs, TracedCall e, Object statementProxy) {
            return Proxy.newProxyInstance(TracingConnection.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                    (p, m, a) -> switch (m.getName()) {
                        case "next" -> {
                            boolean more = rs.next();
                            if (more && e != null) {
                                e.addRows(1);
                            }
                            yield more;
                        }
                        case "getStatement" -> statementProxy;
                        case "unwrap" -> ((Class<?>) a[0]).isInstance(p) ? p : rs.unwrap((Class<?>) a[0]);
                        case "equals" -> p == a[0];
                        case "hashCode" -> System.identityHashCode(p);
                        default -> TracingConnection.invoke(rs, m, a);
                    });
        }
    }

    private static final Map<String, String> SETTER_TYPES = Map.ofEntries(
            Map.entry("setInt", "int4"), Map.entry("setLong", "int8"), Map.entry("setShort", "int2"),
            Map.entry("setByte", "int2"), Map.entry("setBoolean", "bool"), Map.entry("setFloat", "float4"),
            Map.entry("setDouble", "float8"), Map.entry("setBigDecimal", "numeric"), Map.entry("setString", "varchar"),
            Map.entry("setNString", "varchar"), Map.entry("setBytes", "bytea"), Map.entry("setDate", "date"),
            Map.entry("setTime", "time"), Map.entry("setTimestamp", "timestamp"));

    private static Bind bindFor(String setter, int position, Object[] args) {
        Object value = args[1];
        if (setter.equals("setNull")) {
            return BindCodec.ofNull(position, (Integer) value);
        }
        if (setter.equals("setObject") && args.length >= 3 && args[2] instanceof Integer sqlType && value == null) {
            return BindCodec.ofNull(position, sqlType);
        }
        Bind bind = BindCodec.of(position, value);
        String declared = SETTER_TYPES.get(setter);
        if (value == null && declared != null) {
            return new Bind(position, declared, null);
        }
        if (setter.equals("setObject") && args.length >= 3 && args[2] instanceof Integer sqlType
                && sqlType == java.sql.Types.OTHER && value instanceof String s) {
            return new Bind(position, "unknown", s); // e.g. setObject(i, "...", Types.OTHER): the server infers it
        }
        if (setter.equals("setTimestamp") && args.length >= 3 && args[2] != null && value != null) {
            return new Bind(position, "timestamptz", ((java.sql.Timestamp) value).toInstant().toString());
        }
        return bind;
    }
}
