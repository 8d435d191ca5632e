package dev.pglab.cli.wal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.cli.PglabCommand;
import dev.pglab.fixtures.wal.PgOutputEncoder;
import dev.pglab.fixtures.wal.SyntheticWal;
import dev.pglab.wal.pgo.PgoWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalDecodeCommandTest {
    @TempDir
    Path dir;

    private String run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            PglabCommand.commandLine().execute(args);
        } finally {
            System.setOut(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonSummaryCountsMessagesByTypeAndNamesRelations() throws Exception {
        Path file = dir.resolve("mixed.pgo");
        Files.write(file, PgoWriter.toBytes(out -> SyntheticWal.write(SyntheticWal.Shape.MIXED, 2, 8, 1, out::write)));
        JsonNode summary = new ObjectMapper().readTree(run("wal", "decode", "--json", file.toString()));
        assertThat(summary.get("records").asLong()).isEqualTo(2 + 1 + 2 * (8 + 2 + 2) + 2);
        assertThat(summary.get("countsByType").get("I").asInt()).isEqualTo(16);
        assertThat(summary.get("countsByType").get("U").asInt()).isEqualTo(4);
        assertThat(summary.get("dml").asInt()).isEqualTo(24);
        assertThat(summary.get("relations").get(0).get("name").asText()).isEqualTo("public.narrow_events");
        assertThat(summary.get("errors")).isEmpty();
        assertThat(summary.get("bytes").asLong()).isEqualTo(Files.size(file));
    }

    @Test
    void jsonlPrintsProtocolFieldsWithNullsAndUnchangedToastAndSkipsABadMessage() throws Exception {
        Path file = dir.resolve("toast.pgo");
        PgOutputEncoder enc = new PgOutputEncoder();
        try (PgoWriter w = PgoWriter.create(file)) {
            w.write(16, enc.relation(0, 5, "s", "t", 'd', PgOutputEncoder.Column.key("id", 23), PgOutputEncoder.Column.of("big", 25),
                    PgOutputEncoder.Column.of("note", 25)));
            w.write(32, new byte[] {'I', 0, 0, 0, 9}); // unknown relation and truncated: reported, skipped
            w.write(48, enc.update(0, 5, (char) 0, null, new Object[] {"1", PgOutputEncoder.UNCHANGED, null}));
        }
        String[] lines = run("wal", "decode", "--jsonl", file.toString()).strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode update = new ObjectMapper().readTree(lines[1]);
        assertThat(update.get("type").asText()).isEqualTo("U");
        assertThat(update.get("relationOid").asInt()).isEqualTo(5);
        assertThat(update.get("walStart").asText()).isEqualTo("0/30");
        assertThat(update.get("newTuple").get("id").asText()).isEqualTo("1");
        assertThat(update.get("newTuple").get("big").get("unchangedToast").asBoolean()).isTrue();
        assertThat(update.get("newTuple").get("note").isNull()).isTrue();
    }

    @Test
    void jsonlPrintsBinaryValuesAsPostgresTextOutputAndUnknownTypesAsMarkedHex() throws Exception {
        Path file = dir.resolve("binary.pgo");
        PgOutputEncoder enc = new PgOutputEncoder();
        java.util.HexFormat hex = java.util.HexFormat.of();
        try (PgoWriter w = PgoWriter.create(file)) {
            w.write(8, enc.type(0, 16400, "public", "mood"));
            w.write(16, enc.relation(0, 5, "s", "t", 'd', PgOutputEncoder.Column.of("b", 16),
                    PgOutputEncoder.Column.of("tstz", 1184), PgOutputEncoder.Column.of("arr", 1009),
                    PgOutputEncoder.Column.of("m", 16400), PgOutputEncoder.Column.of("p", 600)));
            w.write(32, enc.insert(0, 5, hex.parseHex("01"), hex.parseHex("0002b0ec8517d580"),
                    // text[] {x,"y z",NULL}
                    hex.parseHex("00000001000000010000001900000003000000010000000178000000037920" + "7affffffff"),
                    "happy".getBytes(StandardCharsets.UTF_8), hex.parseHex("3ff00000000000004000000000000000")));
        }
        JsonNode utc = new ObjectMapper().readTree(run("wal", "decode", "--jsonl", file.toString()).strip().split("\n")[2]);
        JsonNode row = utc.get("newTuple");
        assertThat(row.get("b").asText()).isEqualTo("t");
        assertThat(row.get("tstz").asText()).isEqualTo("2024-01-02 03:04:05.123456+00");
        assertThat(row.get("arr").asText()).isEqualTo("{x,\"y z\",NULL}");
        assertThat(row.get("m").asText()).isEqualTo("happy");
        assertThat(row.get("p").get("binaryUnknown").asText()).isEqualTo("\\x3ff00000000000004000000000000000");
        assertThat(row.get("p").get("typeOid").asInt()).isEqualTo(600);
        JsonNode kolkata = new ObjectMapper().readTree(run("wal", "decode", "--jsonl", "--time-zone", "Asia/Kolkata",
                file.toString()).strip().split("\n")[2]);
        assertThat(kolkata.get("newTuple").get("tstz").asText()).isEqualTo("2024-01-02 08:34:05.123456+05:30");

        PrintStream savedErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = PglabCommand.commandLine().execute("wal", "decode", "--jsonl", "--time-zone", "UTC+5", file.toString());
        } finally {
            System.setErr(savedErr);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("opposite sign").doesNotContain("at dev.pglab");
    }
}
