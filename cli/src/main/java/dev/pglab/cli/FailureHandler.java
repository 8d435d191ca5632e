package dev.pglab.cli;

import dev.pglab.harness.pg.Redaction;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure a command throws into one line: {@code pglab CMD: cause}, with the file or place the cause
 * names, and the password-free text. The stack trace only with {@code --verbose} or {@code PGLAB_DEBUG=1}.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    private final boolean debug;

    FailureHandler(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (debug || Verbosity.verbose(parsed)) {
            err.println(Redaction.redact(stackTrace(ex)));
        }
        err.println(cl.getCommandSpec().qualifiedName() + ": " + Redaction.redact(describe(ex)));
        err.flush();
        return ExitCodes.of(ex);
    }

    /** The cause a user can act on: the innermost message, with the file a file-system error names. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root
                && (root.getMessage() == null || root instanceof java.util.concurrent.ExecutionException
                || root instanceof java.lang.reflect.InvocationTargetException)) {
            root = root.getCause();
        }
        String text = switch (root) {
            case NoSuchFileException f -> f.getFile() + ": " + (f.getReason() == null ? "no such file or directory" : f.getReason());
            case AccessDeniedException f -> f.getFile() + ": permission denied";
            case NotDirectoryException f -> f.getFile() + ": not a directory";
            case FileAlreadyExistsException f -> f.getFile() + ": already exists";
            case FileSystemException f -> f.getFile() + ": " + (f.getReason() == null ? "cannot be used" : f.getReason())
                    + (f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")");
            case java.util.zip.ZipException z -> "not a complete gzip stream: " + z.getMessage();
            case java.io.EOFException eof -> "input ends early" + (eof.getMessage() == null ? "" : ": " + eof.getMessage());
            case OutOfMemoryError oom -> "out of memory (" + oom.getMessage() + "); raise -Xmx in PGLAB_JAVA_OPTS";
            default -> root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        };
        if (text.endsWith(": null") && root.getCause() != null) { // a wrapper that quoted a message-less cause
            text = text.substring(0, text.length() - ": null".length()) + ": " + describe(root.getCause());
        }
        text = text.replace('\n', ' ').replace('\r', ' ');
        // a failure with no message of its own is a pglab fault: name where it happened
        if (root.getMessage() == null && root.getStackTrace().length > 0 && !(root instanceof java.io.IOException)) {
            StackTraceElement at = root.getStackTrace()[0];
            text += " at " + at.getClassName() + "." + at.getMethodName() + "(" + at.getFileName() + ":" + at.getLineNumber() + ")";
        }
        return text;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
