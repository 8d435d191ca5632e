package dev.pglab.wal;

/** The first byte of every pgoutput message (protocol versions 1-4), as PostgreSQL's documentation names them. */
public final class MessageTypes {
    public static final byte BEGIN = 'B';
    public static final byte COMMIT = 'C';
    public static final byte ORIGIN = 'O';
    public static final byte RELATION = 'R';
    public static final byte TYPE = 'Y';
    public static final byte INSERT = 'I';
    public static final byte UPDATE = 'U';
    public static final byte DELETE = 'D';
    public static final byte TRUNCATE = 'T';
    public static final byte MESSAGE = 'M';
    public static final byte STREAM_START = 'S';
    public static final byte STREAM_STOP = 'E';
    public static final byte STREAM_COMMIT = 'c';
    public static final byte STREAM_ABORT = 'A';
    public static final byte BEGIN_PREPARE = 'b';
    public static final byte PREPARE = 'P';
    public static final byte COMMIT_PREPARED = 'K';
    public static final byte ROLLBACK_PREPARED = 'r';
    public static final byte STREAM_PREPARE = 'p';

    private MessageTypes() {
    }

    /**
     * Whether the message ends a transaction (Commit, Stream Commit, Prepare, Stream Prepare, Commit Prepared,
     * Rollback Prepared): the point a reader may confirm once the consumer has handled it.
     */
    public static boolean endsTransaction(byte type) {
        return type == COMMIT || type == STREAM_COMMIT || type == PREPARE || type == STREAM_PREPARE
                || type == COMMIT_PREPARED || type == ROLLBACK_PREPARED;
    }

    /** The documented name of a message type, or null when the byte is not one. */
    public static String name(byte type) {
        return switch (type) {
            case BEGIN -> "Begin";
            case COMMIT -> "Commit";
            case ORIGIN -> "Origin";
            case RELATION -> "Relation";
            case TYPE -> "Type";
            case INSERT -> "Insert";
            case UPDATE -> "Update";
            case DELETE -> "Delete";
            case TRUNCATE -> "Truncate";
            case MESSAGE -> "Message";
            case STREAM_START -> "Stream Start";
            case STREAM_STOP -> "Stream Stop";
            case STREAM_COMMIT -> "Stream Commit";
            case STREAM_ABORT -> "Stream Abort";
            case BEGIN_PREPARE -> "Begin Prepare";
            case PREPARE -> "Prepare";
            case COMMIT_PREPARED -> "Commit Prepared";
            case ROLLBACK_PREPARED -> "Rollback Prepared";
            case STREAM_PREPARE -> "Stream Prepare";
            default -> null;
        };
    }

    /** e.g. {@code Insert ('I')} or {@code unknown type 0x7f}. */
    public static String describe(byte type) {
        String name = name(type);
        if (name != null) {
            return name + " ('" + (char) type + "')";
        }
        return type == 0 ? "empty message" : String.format("unknown type 0x%02x", type & 0xff);
    }

    /** True for Insert, Update and Delete. */
    public static boolean isDml(byte type) {
        return type == INSERT || type == UPDATE || type == DELETE;
    }
}
