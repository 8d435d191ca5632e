package dev.pglab.parser.bench;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.LogCapture;
import dev.pglab.fixtures.logs.SyntheticLog;
import dev.pglab.harness.jmh.Budget;
import dev.pglab.harness.result.LabSettings;
import dev.pglab.harness.result.RunNotes;
import dev.pglab.parser.LogParser;
import dev.pglab.parser.ParseSummary;
import dev.pglab.parser.ParserOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The file a benchmark reads: the standard capture, or the capture scaled to 64 MB or 1 GB. Under the smoke
 * budget the 1 GB file is 64 MB, so smoke proves every benchmark runs in seconds; the fixture id always says
 * which size ran.
 * Also parses the file once, so benchmarks can check every operation's result against it.
 */
record LogInput(Path file, long bytes, ParseSummary reference, String fixtureId) {
    static final long ONE_GB = 1L << 30;
    static final long SMOKE_BYTES = 64L << 20;

    static LogInput of(String format, String size) throws IOException {
        CapturedLogs capture = LogCapture.standard();
        Path file;
        String id;
        if (size.equals("capture")) {
            file = capture.file(format);
            id = capture.fixtureId() + "-" + format;
        } else {
            long bytes = switch (size) {
                case "1g" -> LabSettings.fromSystem().budget() == Budget.SMOKE ? SMOKE_BYTES : ONE_GB;
                case "64m" -> SMOKE_BYTES;
                default -> throw new IllegalArgumentException("size " + size + ": expected capture, 64m or 1g");
            };
            file = SyntheticLog.of(capture, format, bytes);
            id = SyntheticLog.fixtureId(capture, format, bytes);
        }
        RunNotes.fixture(id, format + " log, " + Files.size(file) + " bytes");
        ParseSummary reference = new LogParser(ParserOptions.defaults()).parse(file, item -> { });
        if (reference.malformed() != 0 || reference.items() == 0) {
            throw new IllegalStateException("fixture " + id + " does not parse cleanly: " + reference.problems());
        }
        RunNotes.note("measurement", Map.of("fixture", id, "bytes", reference.bytes(), "items", reference.items(),
                "entries", reference.entries()));
        return new LogInput(file, Files.size(file), reference, id);
    }

    /** Fails loudly when a benchmark's parse did not find what the reference parse found. */
    void check(long items) {
        if (items != reference.items()) {
            throw new IllegalStateException("wrong answer on " + fixtureId + ": " + items + " items, expected "
                    + reference.items());
        }
    }
}
