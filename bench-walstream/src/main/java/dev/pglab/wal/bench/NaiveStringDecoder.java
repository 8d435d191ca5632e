package dev.pglab.wal.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The reference a plain Java consumer writes (walstream-anchors.md §2.2, "naive String-per-column decoder"):
 * reads Begin/Commit fields and turns every text column of a change into a new String. No relation cache, no
 * validation: it exists only to be measured beside pglab's decoder on the same bytes.
 */
final class NaiveStringDecoder {
    Object decode(ByteBuffer b, int off, int len) {
        byte type = b.get(off);
        int p = off + 1;
        switch (type) {
            case 'B':
                return new long[] {b.getLong(p), b.getLong(p + 8), b.getInt(p + 16)};
            case 'C':
                return new long[] {b.getLong(p + 1), b.getLong(p + 9), b.getLong(p + 17)};
            case 'I': {
                p += 5; // relation OID, 'N'
                return tuple(b, p);
            }
            case 'U': {
                p += 4;
                Object old = null;
                if (b.get(p) == 'K' || b.get(p) == 'O') {
                    String[] o = tuple(b, p + 1);
                    old = o;
                    p = end;
                }
                String[] n = tuple(b, p + 1);
                return old == null ? n : new Object[] {old, n};
            }
            case 'D':
                return tuple(b, p + 5);
            default:
                return null;
        }
    }

    private int end;

    private String[] tuple(ByteBuffer b, int p) {
        int n = b.getShort(p);
        p += 2;
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            byte kind = b.get(p++);
            if (kind == 't' || kind == 'b') {
                int len = b.getInt(p);
                p += 4;
                byte[] bytes = new byte[len];
                b.get(p, bytes);
                values[i] = new String(bytes, StandardCharsets.UTF_8);
                p += len;
            }
        }
        end = p;
        return values;
    }
}
