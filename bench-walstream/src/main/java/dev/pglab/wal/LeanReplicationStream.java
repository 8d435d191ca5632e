package dev.pglab.wal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A lean reader of the logical replication protocol on a plain socket, for the hot path PgJDBC's per-message
 * reads cannot serve: it reads the socket in large batches into one buffer and hands each pgoutput message to the
 * consumer as a view of that buffer, allocating nothing per message. It speaks just enough of the protocol:
 * startup (trust, cleartext or MD5 authentication; SCRAM and TLS are not supported, use {@link LogicalStream}),
 * {@code START_REPLICATION}, CopyData with XLogData and keepalives, and standby status updates that report only
 * what the consumer confirmed. The slot and publication must exist. One thread; {@link #cancel} from any thread.
 *
 * <p>With a {@link ReadPacing} latency budget the reader does not wake for every small arrival: after handing a
 * read's messages to the consumer it naps (at most half the budget, less when bytes arrive fast) before reading again,
 * so one wake-up handles many transactions and each event's delivery is delayed by at most the budget. Keepalives
 * that request a reply are answered as soon as they are read (so at most one budget late); {@link #start} refuses a
 * budget above a quarter of the server's {@code wal_sender_timeout}, so the walsender never times the stream out.
 * {@link #cancel} wakes a napping reader.
 */
public final class LeanReplicationStream implements ReplicationStream {
    private static final int RECEIVE_BUFFER_WHEN_PACED = 8 << 20; // the kernel caps it at 2 × net.core.rmem_max
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final long statusIntervalNanos;
    private final ReadPacing pacing;
    private final Map<String, String> startupParameters;
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
    private long socketBytes;
    private long keepaliveReplies;
    private long lastReadAt;
    private long napUntil;
    private volatile Thread reader;

    public LeanReplicationStream(LeanStreamConfig config) {
        this.host = config.host();
        this.port = config.port();
        this.database = config.database();
        this.user = config.user();
        this.password = config.password();
        this.statusIntervalNanos = config.statusInterval().toNanos();
        this.pacing = config.pacing();
        this.startupParameters = config.startupParameters();
    }

    /** Connects, authenticates and starts streaming the slot from {@code startLsn} (0 = the slot's position). */
    public void start(String slot, long startLsn, Map<String, String> pluginOptions) throws IOException {
        channel = SocketChannel.open();
        if (pacing.budgetNanos() > 0) {
            // a napping reader leaves bytes in the kernel; the walsender writes each message as its own small segment,
            // whose overhead fills an autotuned receive buffer (128 KB at first) within milliseconds, closing the TCP
            // window and holding the walsender back. Set before connect, so the window scale covers it (Linux caps it
            // at net.core.rmem_max).
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_WHEN_PACED);
        }
        channel.connect(new InetSocketAddress(host, port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        in.clear().flip();
        startup();
        checkBudgetAgainstTimeout();
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
        Map<String, String> all = new LinkedHashMap<>();
        all.put("application_name", "pglab_lean");
        all.putAll(startupParameters);
        all.put("user", user);
        all.put("database", database);
        all.put("replication", "database");
        write(PgWire.startup(all));
        while (true) {
            byte type = nextMessage();
            int n = in.getInt(in.position() - 4) - 4;
            int body = in.position();
            switch (type) {
                case 'R' -> {
                    int code = in.getInt(body);
                    if (code == PgWire.AUTH_CLEARTEXT) {
                        write(PgWire.password(password));
                    } else if (code == PgWire.AUTH_MD5) {
                        byte[] salt = new byte[4];
                        in.get(body + 4, salt);
                        write(PgWire.md5Password(user, password, salt));
                    } else if (code != PgWire.AUTH_OK) {
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
    @Override
    public void run(ReplicationStream.Consumer consumer) throws Exception {
        reader = Thread.currentThread();
        long nextStatus = System.nanoTime() + statusIntervalNanos;
        long sent = -1;
        lastReadAt = System.nanoTime();
        napUntil = 0;
        try {
            while (!cancelled) {
                if (!wholeMessageBuffered()) {
                    // everything read so far is handled: feedback when due, then the paced read
                    long now = System.nanoTime();
                    if (now >= nextStatus || confirmed != sent && now >= nextStatus - statusIntervalNanos / 2) {
                        status(false);
                        sent = confirmed;
                        nextStatus = now + statusIntervalNanos;
                    }
                    nap();
                    if (cancelled) {
                        break;
                    }
                    pacedFill();
                }
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
                        if (MessageTypes.endsTransaction(in.get(payload))) {
                            confirm(start);
                        }
                    } else if (kind == 'k' && in.get(body + 17) == 1) {
                        // the walsender asks for a reply: answer at once, it ends the stream after wal_sender_timeout
                        status(false);
                        keepaliveReplies++;
                        sent = confirmed;
                        nextStatus = System.nanoTime() + statusIntervalNanos;
                    }
                } else if (type == 'E') {
                    throw new IOException("replication stream failed: " + errorText(len));
                } else if (type == 'c') {
                    return;
                }
                in.position(body + len);
            }
        } catch (IOException e) {
            if (!cancelled) {
                throw e;
            }
        } finally {
            reader = null;
        }
    }

    private boolean wholeMessageBuffered() {
        return in.remaining() >= 5 && in.remaining() >= 1 + in.getInt(in.position() + 1);
    }

    /** Waits out the nap the pacing chose after the last read; {@link #cancel} cuts it short. */
    private void nap() {
        long wait;
        while (!cancelled && (wait = napUntil - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, wait);
        }
    }

    /** Reads until a whole message is buffered, then lets the pacing choose the nap before the next read. */
    private void pacedFill() throws IOException {
        long before = socketBytes;
        boolean filled = in.remaining() < 5 ? fill(5) : false;
        int need = 1 + in.getInt(in.position() + 1);
        if (need < 5) {
            throw new IOException("protocol error: message length " + (need - 1));
        }
        filled = fill(need) || filled;
        long now = System.nanoTime();
        napUntil = now + pacing.napNanos(socketBytes - before, now - lastReadAt, filled);
        lastReadAt = now;
    }

    /** Marks everything up to {@code lsn} as handled (reported in the next status update). */
    @Override
    public void confirm(long lsn) {
        if (Long.compareUnsigned(lsn, confirmed) > 0) {
            confirmed = lsn;
        }
    }

    @Override
    public long messages() {
        return messages;
    }

    @Override
    public long payloadBytes() {
        return bytes;
    }

    /** Socket reads so far: messages ÷ reads is the batching the lean path gains. */
    public long socketReads() {
        return reads;
    }

    /** Keepalives that requested a reply and were answered. */
    public long keepaliveReplies() {
        return keepaliveReplies;
    }

    public ReadPacing pacing() {
        return pacing;
    }

    @Override
    public void cancel() {
        cancelled = true;
        Thread r = reader;
        if (r != null) {
            LockSupport.unpark(r);
        }
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
        write(PgWire.standbyStatus(out, confirmed, System.currentTimeMillis(), replyRequested));
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

    /** Reads until {@code need} bytes are buffered; true when the last read filled all the free space it was offered. */
    private boolean fill(int need) throws IOException {
        if (in.remaining() >= need) {
            return false;
        }
        if (in.capacity() < need) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(need, in.capacity() * 2));
            bigger.put(in).flip();
            in = bigger;
            view = in.duplicate();
        } else {
            in.compact().flip();
        }
        boolean filled = false;
        while (in.remaining() < need) {
            int pos = in.position();
            int lim = in.limit();
            in.position(lim).limit(in.capacity());
            int n = channel.read(in);
            reads++;
            filled = !in.hasRemaining();
            in.limit(in.position()).position(pos);
            if (n < 0) {
                throw new IOException("the server closed the connection");
            }
            socketBytes += n;
        }
        return filled;
    }

    /**
     * The walsender asks for a reply after {@code wal_sender_timeout / 2} without feedback and ends the stream at
     * {@code wal_sender_timeout}; a reader that naps answers at most one budget late, so the budget must stay well
     * below that (a quarter leaves room for a busy consumer and the network).
     */
    private void checkBudgetAgainstTimeout() throws IOException {
        if (pacing.budgetNanos() == 0) {
            return;
        }
        String value = showSetting("wal_sender_timeout");
        long timeoutNanos = parseDurationNanos(value);
        if (timeoutNanos > 0 && pacing.budgetNanos() > timeoutNanos / 4) {
            throw new IllegalArgumentException("latency budget " + pacing.budgetNanos() / 1_000_000.0 + " ms is more than a quarter of "
                    + "the server's wal_sender_timeout (" + value + "): the walsender could end the stream before a napping reader "
                    + "answers its keepalive; lower the budget or raise wal_sender_timeout");
        }
    }

    /** Runs {@code SHOW name} on the replication connection (simple query) and returns the value. */
    private String showSetting(String name) throws IOException {
        sendQuery("SHOW " + name);
        String value = null;
        while (true) {
            byte type = nextMessage();
            int n = in.getInt(in.position() - 4) - 4;
            int body = in.position();
            if (type == 'D' && in.getShort(body) == 1) {
                int vlen = in.getInt(body + 2);
                byte[] v = new byte[Math.max(0, vlen)];
                in.get(body + 6, v);
                value = new String(v, StandardCharsets.UTF_8);
            } else if (type == 'E') {
                throw new IOException("SHOW " + name + " failed: " + errorText(n));
            } else if (type == 'Z') {
                in.position(body + n);
                if (value == null) {
                    throw new IOException("SHOW " + name + " returned no row");
                }
                return value;
            }
            in.position(body + n);
        }
    }

    /** A time setting as SHOW prints it: {@code 60s}, {@code 1min}, {@code 500ms}, {@code 0}; plain numbers are ms. */
    static long parseDurationNanos(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(-?\\d+)\\s*(us|ms|s|min|h|d)?\\s*").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("time setting '" + value + "': expected a number with us, ms, s, min, h or d");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "us" -> n * 1_000L;
            case "ms" -> n * 1_000_000L;
            case "s" -> n * 1_000_000_000L;
            case "min" -> n * 60_000_000_000L;
            case "h" -> n * 3_600_000_000_000L;
            default -> n * 86_400_000_000_000L;
        };
    }

    private void sendQuery(String sql) throws IOException {
        write(PgWire.query(sql));
    }

    private void write(ByteBuffer m) throws IOException {
        while (m.hasRemaining()) {
            channel.write(m);
        }
    }

    private String errorText(int len) {
        return PgWire.errorText(in, in.position(), len);
    }
}
