package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.pg.WithPg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages of one backend read from a real server's jsonlog and csvlog, from an offset taken mid-run. */
@WithPg({ServerProfile.CAPTURE})
class LogMessagesIT {

    @Test
    void readsOneBackendsMessagesFromAnOffsetInJsonAndCsv(PgServer server, @TempDir Path dir) throws Exception {
        Path json = server.logFiles().require("json");
        Path csv = server.logFiles().require("csv");
        String text = "line one\nline \"two\" \\ ✓";
        int pid;
        long jsonStart;
        long csvStart;
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            pid = c.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            st.execute("select 1");
            Thread.sleep(200);
            jsonStart = Files.size(json);
            csvStart = Files.size(csv);
            st.execute("DO $$BEGIN RAISE LOG '%', " + "E'" + text.replace("\\", "\\\\").replace("\n", "\\n") + "'; END$$");
            st.execute("DO $$BEGIN RAISE LOG 'lm-end'; END$$");
        }
        for (Object[] f : new Object[][] {{json, LogFormat.JSON, jsonStart}, {csv, LogFormat.CSV, csvStart}}) {
            Path file = (Path) f[0];
            List<LogMessages.Message> seen = new ArrayList<>();
            long deadline = System.nanoTime() + 10_000_000_000L;
            LogMessages.Result r;
            do {
                seen.clear();
                r = LogMessages.read(file, (LogFormat) f[1], (Long) f[2], p -> p == pid, m -> {
                    seen.add(m);
                    return !m.message().equals("lm-end");
                });
            } while (!r.stopped() && System.nanoTime() < deadline);
            assertThat(r.stopped()).as("%s: saw the end marker", file).isTrue();
            assertThat(r.problems()).isEmpty();
            assertThat(seen).extracting(LogMessages.Message::pid).containsOnly(pid);
            assertThat(seen).extracting(LogMessages.Message::message).contains(text).doesNotContain("select 1");
            assertThat(seen).allSatisfy(m -> assertThat(m.offset()).isGreaterThanOrEqualTo((Long) f[2]));
        }
        // an entry still being written (no newline yet) is left for the next read
        byte[] all = Files.readAllBytes(json);
        Path cut = dir.resolve("cut.json");
        Files.write(cut, Arrays.copyOf(all, all.length - 5));
        List<String> messages = new ArrayList<>();
        LogMessages.Result r = LogMessages.read(cut, LogFormat.JSON, 0, p -> true, m -> messages.add(m.message()));
        assertThat(r.problems()).isEmpty();
        int lastNewline = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1).lastIndexOf('\n', all.length - 2);
        assertThat(r.endOffset()).isEqualTo(lastNewline + 1);
    }
}
