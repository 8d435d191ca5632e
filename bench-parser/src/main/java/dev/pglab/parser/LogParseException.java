package dev.pglab.parser;

/**
 * A log the parser cannot read, with where and what it expected. {@code line} is 1-based, or 0 when unknown;
 * {@code offset} is the byte offset in the (uncompressed) input, or -1 when unknown.
 */
public final class LogParseException extends RuntimeException {
    private final String file;
    private final long line;
    private final long offset;

    public LogParseException(String file, long line, long offset, String message) {
        super(location(file, line, offset) + ": " + message);
        this.file = file;
        this.line = line;
        this.offset = offset;
    }

    public LogParseException(String file, long line, long offset, String message, Throwable cause) {
        super(location(file, line, offset) + ": " + message, cause);
        this.file = file;
        this.line = line;
        this.offset = offset;
    }

    static String location(String file, long line, long offset) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (offset >= 0) {
            sb.append(" (byte ").append(offset).append(')');
        }
        return sb.toString();
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public long offset() {
        return offset;
    }
}
