package dev.pglab.wal;

import java.nio.ByteBuffer;

/**
 * A reusable, allocation-free view of one TupleData inside a message: per column its kind ('n', 'u', 't', 'b')
 * and where its bytes are. Valid only during the visitor callback that received it. The typed getters for
 * bool, int2/4/8 parse text and binary forms without allocating; {@link #value(int)} materialises any type via
 * {@link PgTypes}.
 */
public final class TupleView {
    private ByteBuffer buffer;
    private PgOutputMessage.Relation relation;
    private int count;
    // written directly by PgOutputDecoder's tuple loop (same package), sized by reset before
    byte[] kinds = new byte[16];
    int[] offsets = new int[16];
    int[] lengths = new int[16];

    void reset(ByteBuffer buffer, PgOutputMessage.Relation relation, int count) {
        this.buffer = buffer;
        this.relation = relation;
        this.count = count;
        if (kinds.length < count) {
            int n = Math.max(count, kinds.length * 2);
            kinds = new byte[n];
            offsets = new int[n];
            lengths = new int[n];
        }
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    public PgOutputMessage.Relation relation() {
        return relation;
    }

    public int columnCount() {
        return count;
    }

    /** 'n' (NULL), 'u' (unchanged TOAST), 't' (text) or 'b' (binary). */
    public byte kind(int column) {
        check(column);
        return kinds[column];
    }

    public boolean isNull(int column) {
        return kind(column) == 'n';
    }

    public boolean isUnchangedToast(int column) {
        return kind(column) == 'u';
    }

    /** Absolute index of the value's first byte in {@link #buffer()}. */
    public int offset(int column) {
        check(column);
        return offsets[column];
    }

    /** Length of the value in bytes (0 for 'n' and 'u'). */
    public int length(int column) {
        check(column);
        return lengths[column];
    }

    public int typeOid(int column) {
        check(column);
        return relation.columns().get(column).typeOid();
    }

    public boolean getBoolean(int column) {
        byte kind = valueKind(column);
        if (kind == 'b') {
            return buffer.get(offsets[column]) != 0;
        }
        return lengths[column] > 0 && buffer.get(offsets[column]) == 't';
    }

    public int getInt(int column) {
        long v = getLong(column);
        if (v != (int) v) {
            throw new ArithmeticException("column " + column + " of " + relation.qualifiedName() + " holds " + v + ", out of int range");
        }
        return (int) v;
    }

    /** int2, int4, int8 or oid as a long, from text or binary, without allocating. */
    public long getLong(int column) {
        byte kind = valueKind(column);
        int off = offsets[column];
        int len = lengths[column];
        if (kind == 'b') {
            return switch (len) {
                case 2 -> buffer.getShort(off);
                case 4 -> typeOid(column) == PgTypes.OID ? Integer.toUnsignedLong(buffer.getInt(off)) : buffer.getInt(off);
                case 8 -> buffer.getLong(off);
                default -> throw new NumberFormatException("column " + column + ": a binary integer of " + len + " bytes");
            };
        }
        return parseLong(buffer, off, len, column);
    }

    private static long parseLong(ByteBuffer buffer, int off, int len, int column) {
        if (len == 0) {
            throw new NumberFormatException("column " + column + ": an empty text value is not an integer");
        }
        boolean negative = buffer.get(off) == '-';
        int i = negative || buffer.get(off) == '+' ? 1 : 0;
        if (i == len) {
            throw new NumberFormatException("column " + column + ": a sign without digits is not an integer");
        }
        long v = 0;
        for (; i < len; i++) {
            int d = buffer.get(off + i) - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException("column " + column + ": expected a decimal digit at value byte " + i);
            }
            // accumulate negatively so Long.MIN_VALUE parses
            if (v < (Long.MIN_VALUE + d) / 10) {
                throw new NumberFormatException("column " + column + ": integer out of long range");
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                throw new NumberFormatException("column " + column + ": integer out of long range");
            }
            v = -v;
        }
        return v;
    }

    /** float4/float8 from binary, or any numeric text; the text path allocates a String. */
    public double getDouble(int column) {
        byte kind = valueKind(column);
        if (kind == 'b') {
            return lengths[column] == 4 ? buffer.getFloat(offsets[column]) : buffer.getDouble(offsets[column]);
        }
        return Double.parseDouble(PgTypes.utf8(buffer, offsets[column], lengths[column]));
    }

    /** The value's bytes as UTF-8 text (text form of any type, or binary text-like types); null for NULL. */
    public String getString(int column) {
        byte kind = kind(column);
        if (kind == 'n') {
            return null;
        }
        if (kind == 'u') {
            throw unchanged(column);
        }
        return PgTypes.utf8(buffer, offsets[column], lengths[column]);
    }

    /** The value converted by its column's type OID (see {@link PgTypes}); null for NULL. Allocates. */
    public Object value(int column) {
        byte kind = kind(column);
        return switch (kind) {
            case 'n' -> null;
            case 'u' -> throw unchanged(column);
            case 't' -> PgTypes.fromText(typeOid(column), PgTypes.utf8(buffer, offsets[column], lengths[column]));
            default -> PgTypes.fromBinary(typeOid(column), buffer, offsets[column], lengths[column]);
        };
    }

    /** The column as an immutable {@link Value} (copies). */
    public Value toValue(int column) {
        return switch (kind(column)) {
            case 'n' -> Value.NULL;
            case 'u' -> Value.UNCHANGED_TOAST;
            case 't' -> new Value.Text(PgTypes.utf8(buffer, offsets[column], lengths[column]));
            default -> {
                byte[] b = new byte[lengths[column]];
                buffer.get(offsets[column], b);
                yield new Value.Binary(b);
            }
        };
    }

    /** The whole tuple as an immutable {@link Tuple} (copies). */
    public Tuple toTuple() {
        Value[] values = new Value[count];
        for (int i = 0; i < count; i++) {
            values[i] = toValue(i);
        }
        return new Tuple(java.util.Arrays.asList(values));
    }

    private byte valueKind(int column) {
        byte kind = kind(column);
        if (kind == 'n') {
            throw new NullPointerException("column " + column + " (" + relation.columns().get(column).name() + ") of "
                    + relation.qualifiedName() + " is NULL: check isNull first");
        }
        if (kind == 'u') {
            throw unchanged(column);
        }
        return kind;
    }

    private IllegalStateException unchanged(int column) {
        return new IllegalStateException("column " + column + " (" + relation.columns().get(column).name() + ") of "
                + relation.qualifiedName() + " is an unchanged TOAST value the server did not send");
    }

    private void check(int column) {
        if (column < 0 || column >= count) {
            throw new IndexOutOfBoundsException("column " + column + " of a tuple with " + count + " columns");
        }
    }
}
