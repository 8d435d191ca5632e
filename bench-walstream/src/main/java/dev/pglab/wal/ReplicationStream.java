package dev.pglab.wal;

import java.nio.ByteBuffer;

/**
 * A logical replication stream of pgoutput messages, whichever reader serves it: {@link LogicalStream} (PgJDBC's
 * replication API, reconnects, SCRAM and TLS) or {@link LeanReplicationStream} (a plain socket, no allocation per
 * message). One thread runs it; {@link #cancel} ends {@link #run} from any other. Feedback to the server reports
 * only what was {@linkplain #confirm confirmed}: both readers confirm a transaction's last message
 * ({@link MessageTypes#endsTransaction}) after the consumer returned from it.
 */
public sealed interface ReplicationStream extends AutoCloseable permits LogicalStream, LeanReplicationStream {

    /** Receives the stream. */
    interface Consumer {
        /**
         * One pgoutput message; {@code message} is valid only during the call (position = first byte = type).
         *
         * @param lsn the WAL start LSN the server sent with the message
         */
        void onMessage(long lsn, ByteBuffer message) throws Exception;

        /** Called after each (re)connect, before any message of that connection. A decoder resets here. */
        default void onConnect(long startLsn, int connection) {
        }
    }

    /** Streams into {@code consumer} until cancelled (or the server ends the stream). */
    void run(Consumer consumer) throws Exception;

    /** Marks everything up to {@code lsn} as handled; the next status update reports it. */
    void confirm(long lsn);

    /** pgoutput messages handed to the consumer so far. */
    long messages();

    /** Their bytes (pgoutput payloads, without replication framing). */
    long payloadBytes();

    /** Ends {@link #run} from any thread. */
    void cancel();

    @Override
    void close();
}
