package dev.pglab.wal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Maps rows onto a user's record type: each record component takes the column of the same name, or of its
 * snake_case spelling ({@code createdAt} ← {@code created_at}), converted by the column's type ({@link PgTypes})
 * and then to the component's type (numeric widening, {@code Instant} from timestamptz, enums and UUIDs from
 * text, {@code String} from anything). The column lookup is computed once per Relation message. Not thread-safe.
 *
 * <pre>{@code
 * record Event(int id, String payload, LocalDateTime createdAt) {}
 * RowMapper<Event> events = RowMapper.of(Event.class);
 * if (message instanceof PgOutputMessage.Insert i) { Event e = events.map(i.relation(), i.newTuple()); }
 * }</pre>
 */
public final class RowMapper<R extends Record> {
    private final Class<R> type;
    private final RecordComponent[] components;
    private final MethodHandle constructor;
    private final Map<PgOutputMessage.Relation, int[]> columnsByRelation = new IdentityHashMap<>();

    private RowMapper(Class<R> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            this.constructor = lookup.findConstructor(type, java.lang.invoke.MethodType.methodType(void.class, types))
                    .asSpreader(Object[].class, components.length);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot use the canonical constructor of " + type.getName() + ": " + e, e);
        }
    }

    public static <R extends Record> RowMapper<R> of(Class<R> type) {
        return new RowMapper<>(type);
    }

    /** Maps an immutable tuple. */
    public R map(PgOutputMessage.Relation relation, Tuple tuple) {
        int[] columns = columnsFor(relation);
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = convert(tuple.value(relation, columns[i]), i, relation);
        }
        return construct(args);
    }

    /** Maps a flyweight tuple during a visitor callback. */
    public R map(TupleView tuple) {
        PgOutputMessage.Relation relation = tuple.relation();
        int[] columns = columnsFor(relation);
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = convert(tuple.value(columns[i]), i, relation);
        }
        return construct(args);
    }

    @SuppressWarnings("unchecked")
    private R construct(Object[] args) {
        try {
            return (R) constructor.invoke(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("constructing " + type.getSimpleName() + " failed: " + t, t);
        }
    }

    private int[] columnsFor(PgOutputMessage.Relation relation) {
        return columnsByRelation.computeIfAbsent(relation, rel -> {
            int[] idx = new int[components.length];
            for (int i = 0; i < components.length; i++) {
                String name = components[i].getName();
                int c = rel.columnIndex(name);
                if (c < 0) {
                    c = rel.columnIndex(snakeCase(name));
                }
                if (c < 0) {
                    throw new IllegalArgumentException("record component " + type.getSimpleName() + "." + name
                            + " has no column '" + name + "' or '" + snakeCase(name) + "' in " + rel.qualifiedName()
                            + " (columns: " + rel.columns().stream().map(PgOutputMessage.Relation.Column::name).toList() + ")");
                }
                idx[i] = c;
            }
            return idx;
        });
    }

    static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private Object convert(Object value, int component, PgOutputMessage.Relation relation) {
        Class<?> target = components[component].getType();
        if (value == null) {
            if (target.isPrimitive()) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + components[component].getName()
                        + " is a " + target + " but the column of " + relation.qualifiedName() + " is NULL");
            }
            return null;
        }
        Class<?> boxed = box(target);
        if (boxed.isInstance(value)) {
            return value;
        }
        if (value instanceof Number n) {
            if (boxed == Long.class) return n.longValue();
            if (boxed == Integer.class) return Math.toIntExact(n.longValue());
            if (boxed == Short.class) return (short) Math.toIntExact(n.longValue());
            if (boxed == Double.class) return n.doubleValue();
            if (boxed == Float.class) return n.floatValue();
            if (boxed == BigDecimal.class) return new BigDecimal(n.toString());
            if (boxed == BigInteger.class) return new BigDecimal(n.toString()).toBigIntegerExact();
        }
        if (value instanceof OffsetDateTime odt) {
            if (boxed == Instant.class) return odt.toInstant();
            if (boxed == LocalDateTime.class) return odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof LocalDateTime ldt && boxed == Instant.class) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        if (boxed == String.class) {
            return value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : value.toString();
        }
        String text = value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : value.toString();
        if (boxed == UUID.class) return UUID.fromString(text);
        if (boxed.isEnum()) return enumValue(boxed, text);
        throw new IllegalArgumentException("cannot convert a " + value.getClass().getSimpleName() + " of "
                + relation.qualifiedName() + " to " + type.getSimpleName() + "." + components[component].getName()
                + " (" + target.getSimpleName() + ")");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String text) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum) constant).name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        return Enum.valueOf((Class) type, text.toUpperCase(Locale.ROOT));
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) return c;
        if (c == int.class) return Integer.class;
        if (c == long.class) return Long.class;
        if (c == short.class) return Short.class;
        if (c == double.class) return Double.class;
        if (c == float.class) return Float.class;
        if (c == boolean.class) return Boolean.class;
        if (c == byte.class) return Byte.class;
        return Character.class;
    }
}
