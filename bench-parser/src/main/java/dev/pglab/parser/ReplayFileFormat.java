package dev.pglab.parser;

/**
 * The compact binary replay file ({@code pglab parse --out x.replay}), read back much faster than reparsing the
 * log. Layout: the magic {@code PGLABRPL}, a version byte, then one record per item and a 0 byte at the end.
 * Each record is a tag (1 connect, 2 disconnect, 3 statement, 4 execute) followed by its fields: strings as
 * references into a table both sides build as they go (varint 0 = a new string follows as varint length + UTF-8
 * and takes the next number; n = the string numbered n - 1), so repeated session ids, users and SQL cost a
 * varint; timestamps as a zigzag varint delta of microseconds plus fraction digits and zone; flags (bit 0
 * duration present, bit 1 failed), the duration as a double; parameters as varint count, each as varint
 * (0 = NULL, else length + 1) and UTF-8 bytes. Strings longer than {@link #MAX_TABLED} bytes and strings after
 * the table is full are written inline each time, which bounds both sides' memory.
 *
 * <p>Version 2 ends with a trailer after the 0 byte, written last: the item count (8 bytes), the CRC32C of every
 * byte from the magic through the 0 byte (4 bytes) and {@code PGLABEND}; the writer writes to a temporary name
 * and renames it at the end, so a file either holds its trailer or does not exist. A reader treats a missing or
 * wrong trailer as a truncated or corrupt file. Version 1 files (no trailer) are still read, with the note that
 * they cannot be verified.
 */
final class ReplayFileFormat {
    static final byte[] MAGIC = Bytes.ascii("PGLABRPL");
    static final int VERSION = 2;
    /** The oldest version still read: it has no trailer, so its end cannot be verified. */
    static final int VERSION_WITHOUT_TRAILER = 1;
    static final byte[] END_MAGIC = Bytes.ascii("PGLABEND");
    /** Item count, CRC32C, end magic. */
    static final int TRAILER_BYTES = 8 + 4 + 8;
    static final int END = 0;
    static final int CONNECT = 1;
    static final int DISCONNECT = 2;
    static final int STATEMENT = 3;
    static final int EXECUTE = 4;
    static final int MAX_TABLED = 4096;
    static final int MAX_TABLE = 1 << 16;
    static final int HAS_DURATION = 1;
    static final int FAILED = 2;

    private ReplayFileFormat() {
    }
}
