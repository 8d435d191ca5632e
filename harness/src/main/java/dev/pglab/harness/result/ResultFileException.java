package dev.pglab.harness.result;

import java.io.IOException;
import java.nio.file.Path;

/** A result file that cannot be read as one: names the file and what was expected where. */
public final class ResultFileException extends IOException {
    private final transient Path file;

    public ResultFileException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    public ResultFileException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
