package dev.pglab.harness.result;

import java.nio.file.Path;

/**
 * Where a traced run leaves its session-trace profile for the HTML report: the file contract between the writer
 * (bench-trace's {@code TraceProfile.writeJson}) and the reader (reports' {@code TracePage}), which do not depend
 * on each other. {@code <root>/target/pglab/traces/<name>/trace-profile.json} beside the trace files holds
 * {@code {"schema": "pglab-trace-profile/1", "name", "module", "description", "dir", "statements", "sessions",
 * "crossCheck"}}: what {@code pglab trace report --json} prints, plus the three naming fields.
 */
public final class TraceProfileFile {
    public static final String SCHEMA = "pglab-trace-profile/1";
    public static final String FILE_NAME = "trace-profile.json";

    private TraceProfileFile() {
    }

    /** {@code <root>/target/pglab/traces}: one directory per published trace. */
    public static Path tracesDir(Path root) {
        return root.resolve("target").resolve("pglab").resolve("traces");
    }
}
