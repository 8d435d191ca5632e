package dev.pglab.wal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The pieces of PostgreSQL's frontend/backend protocol (version 3.0) the lean reader speaks, as pure functions
 * over buffers: the startup packet, simple Query, PasswordMessage (cleartext and MD5), the standby status update,
 * and the readable text of an ErrorResponse. The socket and the read loop stay in {@link LeanReplicationStream}.
 */
final class PgWire {
    static final int PROTOCOL_3_0 = 196608;
    /** AuthenticationRequest codes. */
    static final int AUTH_OK = 0;
    static final int AUTH_CLEARTEXT = 3;
    static final int AUTH_MD5 = 5;
    /** Microseconds between the Unix epoch and PostgreSQL's (2000-01-01). */
    static final long PG_EPOCH_OFFSET_MICROS = TransactionViews.PG_EPOCH_OFFSET_MICROS;

    private PgWire() {
    }

    /** The StartupMessage: length, protocol 3.0, then name/value pairs, each NUL-terminated, and a final NUL. */
    static ByteBuffer startup(Map<String, String> parameters) {
        int len = 8 + 1;
        for (var e : parameters.entrySet()) {
            len += utf8(e.getKey()).length + 1 + utf8(e.getValue()).length + 1;
        }
        ByteBuffer m = ByteBuffer.allocate(len).putInt(len).putInt(PROTOCOL_3_0);
        for (var e : parameters.entrySet()) {
            m.put(utf8(e.getKey())).put((byte) 0).put(utf8(e.getValue())).put((byte) 0);
        }
        return m.put((byte) 0).flip();
    }

    /** A simple Query ('Q'). */
    static ByteBuffer query(String sql) {
        return cString('Q', sql);
    }

    /** A PasswordMessage ('p') with the cleartext password. */
    static ByteBuffer password(String password) {
        return cString('p', password == null ? "" : password);
    }

    /** A PasswordMessage ('p') answering an MD5 challenge: "md5" + md5(md5(password + user) + salt). */
    static ByteBuffer md5Password(String user, String password, byte[] salt) {
        String inner = md5(utf8((password == null ? "" : password) + user));
        byte[] outer = new byte[inner.length() + salt.length];
        System.arraycopy(inner.getBytes(StandardCharsets.US_ASCII), 0, outer, 0, inner.length());
        System.arraycopy(salt, 0, outer, inner.length(), salt.length);
        return cString('p', "md5" + md5(outer));
    }

    /** A Standby Status Update (CopyData 'r'): written = flushed = applied = {@code lsn}. */
    static ByteBuffer standbyStatus(ByteBuffer out, long lsn, long unixMillis, boolean replyRequested) {
        long micros = unixMillis * 1000 - PG_EPOCH_OFFSET_MICROS;
        return out.clear().put((byte) 'd').putInt(4 + 1 + 8 * 4 + 1).put((byte) 'r').putLong(lsn).putLong(lsn).putLong(lsn)
                .putLong(micros).put((byte) (replyRequested ? 1 : 0)).flip();
    }

    /** Severity, SQLSTATE and message of an ErrorResponse body of {@code len} bytes at {@code from}. */
    static String errorText(ByteBuffer in, int from, int len) {
        StringBuilder sb = new StringBuilder();
        int p = from;
        int end = from + len;
        while (p < end && in.get(p) != 0) {
            byte field = in.get(p++);
            int s = p;
            while (p < end && in.get(p) != 0) {
                p++;
            }
            byte[] v = new byte[p - s];
            in.get(s, v);
            if (field == 'S' || field == 'M' || field == 'C') {
                sb.append(sb.isEmpty() ? "" : " ").append(new String(v, StandardCharsets.UTF_8));
            }
            p++;
        }
        return sb.toString();
    }

    private static ByteBuffer cString(char type, String text) {
        byte[] t = utf8(text);
        return ByteBuffer.allocate(1 + 4 + t.length + 1).put((byte) type).putInt(4 + t.length + 1).put(t).put((byte) 0).flip();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
