package dev.pglab.wal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.IntFunction;

/**
 * Renders binary tuple values (pgoutput {@code binary 'true'}, kind 'b') as the text PostgreSQL's output
 * function prints for the same value under the declared {@link TextOutputSettings}, so a binary stream reads
 * like a text one. Built-in types are known by OID ({@link BuiltinTypes}); arrays, ranges, multiranges and
 * composites are rendered element by element with PostgreSQL's quoting. A type the stream described in a Type
 * message is resolved by name when it is a domain over a built-in type (the message names the base type); a
 * user type is rendered from its self-describing binary form: an array, a composite (record_send) or, when the
 * bytes are a UTF-8 label of at most 63 bytes without control characters, an enum label (an enum's binary form
 * is its label). Anything else is {@link Rendered.Unknown}: the bytes as hex, and why.
 *
 * <p>This is the convenience path: it allocates. The flyweight path ({@link TupleView}) never calls it.
 */
public final class BinaryTextRenderer {
    private static final int FIRST_USER_OID = 16384;
    private static final int NAMEDATALEN_1 = 63;
    private static final HexFormat HEX = HexFormat.of();

    private final TextOutputSettings settings;
    private final IntFunction<PgOutputMessage.Type> typeMessages;

    /** @param typeMessages the stream's Type messages by OID (e.g. {@code decoder.types()::get}); may return null */
    public BinaryTextRenderer(TextOutputSettings settings, IntFunction<PgOutputMessage.Type> typeMessages) {
        this.settings = settings;
        this.typeMessages = typeMessages;
    }

    public BinaryTextRenderer(TextOutputSettings settings) {
        this(settings, oid -> null);
    }

    public TextOutputSettings settings() {
        return settings;
    }

    /** A binary value as text, or why it stays hex. */
    public sealed interface Rendered {
        /** PostgreSQL's text output for the value. */
        record Text(String text) implements Rendered {
        }

        /** A type this renderer does not know, or bytes that are not a valid value of it: {@code \x} hex. */
        record Unknown(int typeOid, String hex, String reason) implements Rendered {
        }
    }

    public Rendered render(int typeOid, byte[] bytes) {
        return render(typeOid, ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    /** Renders {@code len} bytes at absolute index {@code off} of {@code buf} as a value of {@code typeOid}. */
    public Rendered render(int typeOid, ByteBuffer buf, int off, int len) {
        try {
            return new Rendered.Text(text(typeOid, buf, off, len));
        } catch (NotRenderable e) {
            return new Rendered.Unknown(typeOid, hex(buf, off, len), e.getMessage());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return new Rendered.Unknown(typeOid, hex(buf, off, len), "not a valid binary value of type OID "
                    + Integer.toUnsignedString(typeOid) + ": " + e.getMessage());
        }
    }

    /**
     * A column of a record-API tuple as text: text values as sent, binary values rendered (unknown ones as
     * {@code \x} hex, see {@link #render}), null for NULL. Unchanged TOAST has no value and fails.
     */
    public String text(PgOutputMessage.Relation relation, Tuple tuple, int column) {
        return switch (tuple.get(column)) {
            case Value.Null n -> null;
            case Value.Text t -> t.text();
            case Value.Binary b -> switch (render(relation.columns().get(column).typeOid(), b.bytes())) {
                case Rendered.Text t -> t.text();
                case Rendered.Unknown u -> u.hex();
            };
            case Value.UnchangedToast u -> throw new IllegalStateException("column " + column + " ("
                    + relation.columns().get(column).name() + ") of " + relation.qualifiedName()
                    + " is an unchanged TOAST value the server did not send");
        };
    }

    /** Thrown (without a stack trace) where a type is not known; render turns it into Unknown. */
    static final class NotRenderable extends RuntimeException {
        NotRenderable(String message) {
            super(message, null, false, false);
        }
    }

    private String text(int oid, ByteBuffer b, int off, int len) {
        BuiltinTypes.Builtin builtin = BuiltinTypes.byOid(oid);
        if (builtin != null) {
            return switch (builtin.kind()) {
                case SCALAR -> ScalarText.text(oid, b, off, len, settings);
                case ARRAY -> {
                    String a = array(b, off, len);
                    if (a == null) {
                        throw new IllegalArgumentException("expected an array header (dimensions, flags, element type)");
                    }
                    yield a;
                }
                case RANGE -> range(builtin.inner(), b, off, len);
                case MULTIRANGE -> multirange(BuiltinTypes.byOid(builtin.inner()).inner(), b, off, len);
                case RECORD -> {
                    String r = composite(b, off, len);
                    if (r == null) {
                        throw new IllegalArgumentException("expected record_send's format (column count, then type OID and length per column)");
                    }
                    yield r;
                }
            };
        }
        PgOutputMessage.Type type = typeMessages.apply(oid);
        if (type != null && type.namespace().isEmpty()) {
            // a domain: the Type message names its base type, here one in pg_catalog
            BuiltinTypes.Builtin base = BuiltinTypes.byName(type.name());
            if (base == null) {
                throw new NotRenderable("type " + type.name() + " (OID " + Integer.toUnsignedString(oid) + ") is not rendered");
            }
            return text(base.oid(), b, off, len);
        }
        if (Integer.compareUnsigned(oid, FIRST_USER_OID) < 0) {
            throw new NotRenderable("built-in type OID " + oid + " is not rendered");
        }
        return userType(oid, type, b, off, len);
    }

    private String userType(int oid, PgOutputMessage.Type type, ByteBuffer b, int off, int len) {
        String a = array(b, off, len);
        if (a != null) {
            return a;
        }
        String c = composite(b, off, len);
        if (c != null) {
            return c;
        }
        String label = label(b, off, len);
        if (label != null) {
            return label;
        }
        throw new NotRenderable("user type " + (type == null ? "" : type.namespace() + "." + type.name() + " ")
                + "(OID " + Integer.toUnsignedString(oid) + ") is neither an array, a composite nor an enum label");
    }

    /**
     * array_out from array_send's format, or null when the bytes are not shaped like an array: ndim, has-null
     * flag, element type, (size, lower bound) per dimension, then (length or -1, bytes) per element.
     */
    private String array(ByteBuffer b, int off, int len) {
        if (len < 12) {
            return null;
        }
        int ndim = b.getInt(off);
        int flags = b.getInt(off + 4);
        int elementType = b.getInt(off + 8);
        if (ndim < 0 || ndim > 6 || (flags & ~1) != 0 || len < 12 + 8 * ndim) {
            return null;
        }
        int[] dims = new int[ndim];
        int[] lbs = new int[ndim];
        long count = ndim == 0 ? 0 : 1;
        for (int d = 0; d < ndim; d++) {
            dims[d] = b.getInt(off + 12 + 8 * d);
            lbs[d] = b.getInt(off + 16 + 8 * d);
            if (dims[d] < 0) {
                return null;
            }
            count *= dims[d];
            if (count > len) {
                return null;
            }
        }
        // walk the framing first: a value that does not end exactly where its elements do is not an array
        int p = off + 12 + 8 * ndim;
        int end = off + len;
        int[] eoff = new int[(int) count];
        int[] elen = new int[(int) count];
        for (int i = 0; i < count; i++) {
            if (end - p < 4) {
                return null;
            }
            elen[i] = b.getInt(p);
            p += 4;
            eoff[i] = p;
            if (elen[i] < -1 || elen[i] > end - p) {
                return null;
            }
            p += Math.max(0, elen[i]);
        }
        if (p != end) {
            return null;
        }
        if (count == 0) {
            return "{}";
        }
        char delimiter = elementType == 603 ? ';' : ','; // box is the only built-in type with another delimiter
        StringBuilder sb = new StringBuilder();
        boolean defaultBounds = true;
        for (int lb : lbs) {
            defaultBounds &= lb == 1;
        }
        if (!defaultBounds) {
            for (int d = 0; d < ndim; d++) {
                sb.append('[').append(lbs[d]).append(':').append(lbs[d] + dims[d] - 1).append(']');
            }
            sb.append('=');
        }
        int[] index = {0};
        nest(sb, 0, dims, delimiter, index, elementType, b, eoff, elen);
        return sb.toString();
    }

    private void nest(StringBuilder sb, int dim, int[] dims, char delimiter, int[] index, int elementType,
                      ByteBuffer b, int[] eoff, int[] elen) {
        sb.append('{');
        for (int i = 0; i < dims[dim]; i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            if (dim + 1 < dims.length) {
                nest(sb, dim + 1, dims, delimiter, index, elementType, b, eoff, elen);
            } else {
                int k = index[0]++;
                if (elen[k] < 0) {
                    sb.append("NULL");
                } else {
                    TextQuoting.arrayElement(sb, text(elementType, b, eoff[k], elen[k]), delimiter);
                }
            }
        }
        sb.append('}');
    }

    /**
     * record_out from record_send's format, or null when the bytes are not shaped like one: column count, then
     * per column its type OID and (length or -1, bytes).
     */
    private String composite(ByteBuffer b, int off, int len) {
        if (len < 4) {
            return null;
        }
        int ncols = b.getInt(off);
        if (ncols < 0 || (long) ncols * 8 > len - 4) {
            return null;
        }
        int end = off + len;
        int p = off + 4;
        int[] types = new int[ncols];
        int[] coff = new int[ncols];
        int[] clen = new int[ncols];
        for (int i = 0; i < ncols; i++) {
            if (end - p < 8) {
                return null;
            }
            types[i] = b.getInt(p);
            clen[i] = b.getInt(p + 4);
            p += 8;
            coff[i] = p;
            if (clen[i] < -1 || clen[i] > end - p) {
                return null;
            }
            p += Math.max(0, clen[i]);
        }
        if (p != end) {
            return null;
        }
        StringBuilder sb = new StringBuilder().append('(');
        for (int i = 0; i < ncols; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (clen[i] >= 0) {
                TextQuoting.quoted(sb, text(types[i], b, coff[i], clen[i]), "\"\\(),");
            }
        }
        return sb.append(')').toString();
    }

    /** range_out from range_send's format: flags, then (length, bytes) of each finite bound. */
    private String range(int subtype, ByteBuffer b, int off, int len) {
        if (len < 1) {
            throw new IllegalArgumentException("expected a range flags byte");
        }
        int flags = b.get(off) & 0xff;
        if ((flags & 0x01) != 0) {
            if (len != 1) {
                throw new IllegalArgumentException("an empty range has no bounds, but " + (len - 1) + " bytes follow");
            }
            return "empty";
        }
        int p = off + 1;
        int end = off + len;
        StringBuilder sb = new StringBuilder().append((flags & 0x02) != 0 ? '[' : '(');
        for (int bound = 0; bound < 2; bound++) {
            if (bound == 1) {
                sb.append(',');
            }
            boolean infinite = (flags & (bound == 0 ? 0x08 : 0x10)) != 0;
            if (infinite) {
                continue;
            }
            if (end - p < 4) {
                throw new IllegalArgumentException("expected the length of the " + (bound == 0 ? "lower" : "upper") + " bound");
            }
            int blen = b.getInt(p);
            p += 4;
            if (blen < 0 || blen > end - p) {
                throw new IllegalArgumentException("bound length " + blen + " runs past the value");
            }
            TextQuoting.quoted(sb, text(subtype, b, p, blen), "\"\\()[],");
            p += blen;
        }
        if (p != end) {
            throw new IllegalArgumentException((end - p) + " bytes after the range's bounds");
        }
        return sb.append((flags & 0x04) != 0 ? ']' : ')').toString();
    }

    /** multirange_out: the ranges in braces, unquoted. */
    private String multirange(int subtype, ByteBuffer b, int off, int len) {
        if (len < 4) {
            throw new IllegalArgumentException("expected a 4-byte range count");
        }
        int count = b.getInt(off);
        if (count < 0 || (long) count * 5 > len - 4) {
            throw new IllegalArgumentException("range count " + count + " does not fit the value");
        }
        int p = off + 4;
        int end = off + len;
        StringBuilder sb = new StringBuilder().append('{');
        for (int i = 0; i < count; i++) {
            if (end - p < 4) {
                throw new IllegalArgumentException("expected the length of range " + i);
            }
            int rlen = b.getInt(p);
            p += 4;
            if (rlen < 0 || rlen > end - p) {
                throw new IllegalArgumentException("range length " + rlen + " runs past the value");
            }
            if (i > 0) {
                sb.append(',');
            }
            sb.append(range(subtype, b, p, rlen));
            p += rlen;
        }
        if (p != end) {
            throw new IllegalArgumentException((end - p) + " bytes after the multirange's ranges");
        }
        return sb.append('}').toString();
    }

    /** An enum label: UTF-8 of 1 to 63 bytes without control characters, or null. */
    private static String label(ByteBuffer b, int off, int len) {
        if (len < 1 || len > NAMEDATALEN_1) {
            return null;
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(b.duplicate().limit(off + len).position(off));
            for (int i = 0; i < chars.length(); i++) {
                if (Character.isISOControl(chars.charAt(i))) {
                    return null;
                }
            }
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String hex(ByteBuffer b, int off, int len) {
        byte[] bytes = new byte[len];
        b.get(off, bytes);
        return "\\x" + HEX.formatHex(bytes);
    }
}
