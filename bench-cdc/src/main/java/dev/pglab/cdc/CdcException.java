package dev.pglab.cdc;

/**
 * The one exception of the change-buffer engine: says which object (source table, buffer, scan) and what was
 * expected.
 */
public final class CdcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CdcException(String message) {
        super(message);
    }

    public CdcException(String message, Throwable cause) {
        super(message, cause);
    }
}
