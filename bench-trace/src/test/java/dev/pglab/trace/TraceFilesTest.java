package dev.pglab.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged trace file: each bad line is named with file:line, skipped, and the rest is read. */
class TraceFilesTest {

    static List<TraceEvent> session() {
        return List.of(
                new TraceEvent.Header("s1", 42, "u", "d", "PostgreSQL 17", 1_000, "pg_stat_activity", 1000, 1000,
                        List.of("client"), List.of()),
                new TraceEvent.Parse(1, 0, "hv1", 1_001, "select 1"),
                new TraceEvent.Exec(1, 0, 1, 1_002, 120, 1, 1, null),
                new TraceEvent.Parse(2, 0, "hv2", 1_003, "select 2"),
                new TraceEvent.Exec(2, 0, 2, 1_004, 80, 1, 1, null),
                new TraceEvent.Close(1_005, 2, 200, 5));
    }

    @Test
    void badLinesAreSkippedWithTheirPlaceAndTheRestIsProfiled(@TempDir Path dir) throws IOException {
        TraceFiles.write(dir, "s1", session());
        Path file = dir.resolve("s1" + TraceFiles.JSON_SUFFIX);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(3, "{\"ev\":\"parse\",\"cursor\":9}");           // no sql: line 4
        lines.add(1, "not json \u001b[31m at all");                 // line 2
        Files.write(file, lines);
        Files.writeString(file, "{\"ev\":\"exec\",\"cursor\":1,\"e\":", StandardOpenOption.APPEND); // cut by a crash

        List<String> problems = new ArrayList<>();
        List<TraceEvent> events = TraceFiles.read(file, problems);
        assertThat(events).hasSize(session().size());
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith(file + ":2: ").doesNotContain("\u001b").doesNotContain("REDACTED");
        assertThat(problems.get(1)).startsWith(file + ":5: ").contains("\"sql\"");
        assertThat(problems.get(2)).startsWith(file + ":" + (lines.size() + 1) + ": ");

        TraceProfile profile = TraceProfile.of(dir);
        assertThat(profile.sessions()).singleElement().satisfies(s -> assertThat(s.missing()).hasSize(3));
        assertThat(profile.statements().stream().mapToLong(TraceProfile.StatementProfile::calls).sum()).isEqualTo(2);

        assertThatThrownBy(() -> TraceFiles.read(file)).isInstanceOf(IOException.class).hasMessageStartingWith(file + ":2: ");
    }

    @Test
    void invalidUtf8SkipsItsLineWithItsPlace(@TempDir Path dir) throws IOException {
        TraceFiles.write(dir, "s1", session());
        Path file = dir.resolve("s1" + TraceFiles.JSON_SUFFIX);
        Files.write(file, new byte[] {(byte) 0xC3, (byte) 0x28, '\n'}, StandardOpenOption.APPEND);
        List<String> problems = new ArrayList<>();
        assertThat(TraceFiles.read(file, problems)).hasSize(session().size());
        assertThat(problems).singleElement().asString().contains("UTF-8");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).isNotEmpty();
    }
}
