package dev.pglab.harness.pg;

/** A server could not be provided; the message says what went wrong and what to do about it. */
public final class PgServerException extends RuntimeException {
    public PgServerException(String message) {
        super(message);
    }

    public PgServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
