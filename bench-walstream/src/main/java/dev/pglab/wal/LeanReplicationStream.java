package dev.pglab.wal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A lean reader of the logical replication protocol on a plain socket, for the hot path PgJDBC's per-message
 * reads cannot serve: it reads the socket in large batches into one buffer and hands each pgoutput message to the
 * consumer as a view of that buffer, allocating nothing per message. It speaks just enough of the protocol:
 * startup (trust, cleartext or MD5 authentication; SCRAM and TLS are not supported, use {@link LogicalStream}),
 * {@code START_REPLICATION}, CopyData with XLogData and keepalives, and standby status updates that report only
 * what the consumer confirmed. The slot and publication must exist. One thread; {@link #cancel} from any thread.
 */
public final class LeanReplicationStream implements AutoCloseable {
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final long statusIntervalNanos;
    private SocketChannel channel;
    // direct: the socket reads straight into it, with no copy through a temporary native buffer
    private ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
    private ByteBuffer view = in.duplicate();
    private final ByteBuffer out = ByteBuffer.allocate(64);
    private volatile boolean cancelled;
    private volatile long confirmed;
    private long lastReceived;
    private long messages;
    private long bytes;
    private long reads;

    public LeanReplicationStream(String host, int port, String database, String user, String password, long statusIntervalMillis) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.statusIntervalNanos = statusIntervalMillis * 1_000_000L;
    }

    /** Connects, authenticates and starts streaming the slot from {@code startLsn} (0 = the slot's position). */
    public void start(String slot, long startLsn, Map<String, String> pluginOptions) throws IOException {
        channel = SocketChannel.open(new InetSocketAddress(host, port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        in.clear().flip();
        startup();
        StringBuilder sql = new StringBuilder("START_REPLICATION SLOT \"").append(slot).append("\" LOGICAL ")
                .append(Long.toHexString(startLsn >>> 32).toUpperCase()).append('/').append(Long.toHexString(startLsn & 0xffffffffL).toUpperCase())
                .append(" (");
        boolean first = true;
        for (var e : pluginOptions.entrySet()) {
            sql.append(first ? "" : ", ").append('"').append(e.getKey()).append("\" '").append(e.getValue().replace("'", "''")).append('\'');
            first = false;
        }
        sql.append(')');
        sendQuery(sql.toString());
        while (true) {
            byte type = nextMessage();
            int len = in.getInt(in.position() - 4) - 4;
            if (type == 'W') {
                in.position(in.position() + len);
                return;
            }
            if (type == 'E') {
                throw new IOException("START_REPLICATION failed: " + errorText(len));
            }
            in.position(in.position() + len);
        }
    }

    private void startup() throws IOException {
        byte[][] params = {b("user"), b(user), b("database"), b(database), b("replication"), b("database"),
                b("application_name"), b("pglab_lean")};
        int len = 8 + 1;
        for (byte[] p : params) {
            len += p.length + 1;
        }
        ByteBuffer m = ByteBuffer.allocate(len).putInt(len).putInt(196608);
        for (byte[] p : params) {
            m.put(p).put((byte) 0);
        }
        m.put((byte) 0).flip();
        write(m);
        while (true) {
            byte type = nextMessage();
            int n = in.getInt(in.position() - 4) - 4;
            int body = in.position();
            switch (type) {
                case 'R' -> {
                    int code = in.getInt(body);
                    if (code == 3) {
                        passwordMessage(password == null ? "" : password);
                    } else if (code == 5) {
                        byte[] salt = new byte[4];
                        in.get(body + 4, salt);
                        passwordMessage("md5" + md5(md5(password + user) + new String(salt, StandardCharsets.ISO_8859_1)));
                    } else if (code != 0) {
                        throw new IOException("authentication method " + code + " is not supported by the lean reader (trust, password and md5 are): use LogicalStream");
                    }
                }
                case 'E' -> throw new IOException("connection refused: " + errorText(n));
                case 'Z' -> {
                    in.position(body + n);
                    return;
                }
                default -> {
                }
            }
            in.position(body + n);
        }
    }

    /**
     * Reads and dispatches messages until cancelled; the consumer's {@code message} is a view valid during the
     * call. Status updates report {@link #confirm confirmed} LSNs only.
     */
    public void run(LogicalStream.Consumer consumer) throws Exception {
        long nextStatus = System.nanoTime() + statusIntervalNanos;
        long sent = -1;
        try {
            while (!cancelled) {
                byte type = nextMessage();
                int len = in.getInt(in.position() - 4) - 4;
                int body = in.position();
                if (type == 'd') {
                    byte kind = in.get(body);
                    if (kind == 'w') {
                        long start = in.getLong(body + 1);
                        int payload = body + 25;
                        int payloadLen = len - 25;
                        view.limit(payload + payloadLen).position(payload);
                        lastReceived = start;
                        consumer.onMessage(start, view);
                        messages++;
                        bytes += payloadLen;
                        byte t = in.get(payload);
                        if (t == MessageTypes.COMMIT || t == MessageTypes.STREAM_COMMIT || t == MessageTypes.PREPARE
                                || t == MessageTypes.STREAM_PREPARE || t == MessageTypes.COMMIT_PREPARED
                                || t == MessageTypes.ROLLBACK_PREPARED) {
                            confirm(start);
                        }
                    } else if (kind == 'k') {
                        if (in.get(body + 17) == 1) {
                            status(false);
                            sent = confirmed;
                            nextStatus = System.nanoTime() + statusIntervalNanos;
                        }
                    }
                } else if (type == 'E') {
                    throw new IOException("replication stream failed: " + errorText(len));
                } else if (type == 'c') {
                    return;
                }
                in.position(body + len);
                // feedback when due, checked only when the buffer is drained, i.e. once per socket read
                if (!in.hasRemaining() && (confirmed != sent || System.nanoTime() >= nextStatus)) {
                    long now = System.nanoTime();
                    if (now >= nextStatus || confirmed != sent && now >= nextStatus - statusIntervalNanos / 2) {
                        status(false);
                        sent = confirmed;
                        nextStatus = now + statusIntervalNanos;
                    }
                }
            }
        } catch (IOException e) {
            if (!cancelled) {
                throw e;
            }
        }
    }

    /** Marks everything up to {@code lsn} as handled (reported in the next status update). */
    public void confirm(long lsn) {
        if (Long.compareUnsigned(lsn, confirmed) > 0) {
            confirmed = lsn;
        }
    }

    public long messages() {
        return messages;
    }

    public long payloadBytes() {
        return bytes;
    }

    /** Socket reads so far: messages ÷ reads is the batching the lean path gains. */
    public long socketReads() {
        return reads;
    }

    public void cancel() {
        cancelled = true;
        SocketChannel c = channel;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing is all cancel does
            }
        }
    }

    @Override
    public void close() {
        cancel();
    }

    /** Standby status update: written = flushed = applied = the confirmed LSN. */
    private void status(boolean replyRequested) throws IOException {
        long c = confirmed;
        long micros = (System.currentTimeMillis() - 946_684_800_000L) * 1000;
        out.clear().put((byte) 'd').putInt(4 + 1 + 8 * 4 + 1).put((byte) 'r').putLong(c).putLong(c).putLong(c)
                .putLong(micros).put((byte) (replyRequested ? 1 : 0)).flip();
        write(out);
    }

    /** Ensures a whole message is buffered; returns its type with the position after its length field. */
    private byte nextMessage() throws IOException {
        fill(5);
        int len = in.getInt(in.position() + 1);
        if (len < 4) {
            throw new IOException("protocol error: message length " + len);
        }
        fill(1 + len);
        byte type = in.get();
        in.getInt();
        return type;
    }

    private void fill(int need) throws IOException {
        if (in.remaining() >= need) {
            return;
        }
        if (in.capacity() < need) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(need, in.capacity() * 2));
            bigger.put(in).flip();
            in = bigger;
            view = in.duplicate();
        } else {
            in.compact().flip();
        }
        while (in.remaining() < need) {
            int pos = in.position();
            int lim = in.limit();
            in.position(lim).limit(in.capacity());
            int n = channel.read(in);
            reads++;
            in.limit(in.position()).position(pos);
            if (n < 0) {
                throw new IOException("the server closed the connection");
            }
        }
    }

    private void sendQuery(String sql) throws IOException {
        byte[] q = b(sql);
        ByteBuffer m = ByteBuffer.allocate(1 + 4 + q.length + 1).put((byte) 'Q').putInt(4 + q.length + 1).put(q).put((byte) 0);
        m.flip();
        write(m);
    }

    private void passwordMessage(String pw) throws IOException {
        byte[] p = b(pw);
        ByteBuffer m = ByteBuffer.allocate(1 + 4 + p.length + 1).put((byte) 'p').putInt(4 + p.length + 1).put(p).put((byte) 0);
        m.flip();
        write(m);
    }

    private void write(ByteBuffer m) throws IOException {
        while (m.hasRemaining()) {
            channel.write(m);
        }
    }

    private String errorText(int len) {
        StringBuilder sb = new StringBuilder();
        int p = in.position();
        int end = p + len;
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

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b(s)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
