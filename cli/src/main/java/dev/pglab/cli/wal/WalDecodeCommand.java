package dev.pglab.cli.wal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pglab.wal.BinaryTextRenderer;
import dev.pglab.wal.MessageTypes;
import dev.pglab.wal.PgOutputException;
import dev.pglab.wal.PgOutputMessage;
import dev.pglab.wal.RecordDecoder;
import dev.pglab.wal.TextOutputSettings;
import dev.pglab.wal.pgo.PgoFormatException;
import dev.pglab.wal.pgo.PgoReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pglab wal decode FILE.pgo}: what a capture holds, as a summary or message by message. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode a .pgo capture (pgoutput messages, protocol 1-4).",
                "Without options prints a summary; --json prints it as one JSON object (records, bytes, countsByType, dml, "
                        + "relations, errors); --jsonl prints every message as one JSON object per line, with the field names of "
                        + "PostgreSQL's 'Logical Replication Message Formats' in camelCase, tuple values as text, NULL as null and "
                        + "unchanged TOAST values as {\"unchangedToast\":true}. Binary values (binary 'true') read as PostgreSQL's text "
                        + "output for --time-zone and --extra-float-digits (DateStyle ISO); a type pglab does not render is "
                        + "{\"binaryUnknown\":\"\\\\x...\",\"typeOid\":N,\"reason\":...}. A message that does not decode is reported "
                        + "with its byte offset and skipped; decoding goes on."})
public final class WalDecodeCommand implements Callable<Integer> {
    /** Made when a decode runs, not when picocli builds the command tree: Jackson's start-up slowed every --help. */
    private static final class Json {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        static final ObjectMapper JSONL = new ObjectMapper();
    }

    @Parameters(index = "0", paramLabel = "FILE.pgo", description = "The capture to decode.")
    Path file;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Option(names = "--jsonl", description = "Print every message as one JSON object per line.")
    boolean jsonl;

    @Mixin
    TextOutputOptions textOutput = new TextOutputOptions();

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            err.println("pglab wal decode: cannot read " + file);
            return 2;
        }
        TextOutputSettings settings;
        try {
            settings = textOutput.settings();
        } catch (IllegalArgumentException e) {
            err.println("pglab wal decode: " + e.getMessage());
            return 2;
        }
        long records = 0;
        long payload = 0;
        long dml = 0;
        Map<String, Long> counts = new TreeMap<>();
        Map<Integer, String> relations = new TreeMap<>();
        ArrayNode errors = Json.JSON.createArrayNode();
        RecordDecoder decoder = new RecordDecoder();
        BinaryTextRenderer renderer = decoder.textRenderer(settings);
        try (PgoReader reader = PgoReader.open(file)) {
            while (true) {
                try {
                    if (!reader.next()) {
                        break;
                    }
                } catch (PgoFormatException e) {
                    errors.addObject().put("offset", e.offset()).put("error", e.getMessage());
                    err.println("pglab wal decode: " + e.getMessage() + " (stopping: the file's framing is broken)");
                    break;
                }
                records++;
                payload += reader.length();
                byte type = reader.payload().get(0);
                counts.merge(String.valueOf((char) type), 1L, Long::sum);
                try {
                    PgOutputMessage m = decoder.decode(reader.payload());
                    if (MessageTypes.isDml(type)) {
                        dml++;
                    }
                    if (m instanceof PgOutputMessage.Relation r) {
                        relations.put(r.oid(), r.qualifiedName());
                    }
                    if (jsonl) {
                        out.println(Json.JSONL.writeValueAsString(MessageJson.of(reader.lsn(), m, renderer)));
                    }
                } catch (PgOutputException e) {
                    PgOutputException placed = e.at(reader.recordOffset());
                    errors.addObject().put("offset", reader.recordOffset()).put("error", placed.getMessage());
                    err.println("pglab wal decode: " + file + ": " + placed.getMessage() + " (skipped)");
                }
            }
        }
        if (jsonl) {
            return exitCode(errors.size(), records);
        }
        ObjectNode summary = Json.JSON.createObjectNode();
        summary.put("file", file.toString());
        summary.put("records", records);
        summary.put("bytes", Files.size(file));
        summary.put("payloadBytes", payload);
        ObjectNode byType = summary.putObject("countsByType");
        counts.forEach(byType::put);
        summary.put("dml", dml);
        ArrayNode rels = summary.putArray("relations");
        relations.forEach((oid, name) -> rels.addObject().put("oid", Integer.toUnsignedLong(oid)).put("name", name));
        summary.set("errors", errors);
        if (json) {
            out.println(Json.JSON.writeValueAsString(summary));
        } else {
            out.printf("%s: %,d messages, %,d bytes (%,d payload), %,d DML, %d errors%n", file, records,
                    Files.size(file), payload, dml, errors.size());
            counts.forEach((t, n) -> out.printf("  %s %-18s %,d%n", t, MessageTypes.name((byte) t.charAt(0)), n));
            relations.forEach((oid, name) -> out.printf("  relation %d %s%n", Integer.toUnsignedLong(oid), name));
        }
        return exitCode(errors.size(), records);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Skipped messages make a partial decode (3); a file of which nothing decoded is unreadable input (2). */
    private static int exitCode(int errors, long records) {
        if (errors == 0) {
            return dev.pglab.cli.ExitCodes.OK;
        }
        return records == 0 ? dev.pglab.cli.ExitCodes.USAGE_OR_INPUT : dev.pglab.cli.ExitCodes.PARTIAL;
    }
}
