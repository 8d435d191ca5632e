package dev.pglab.parser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The three log formats PostgreSQL writes: stderr (with a log_line_prefix), csvlog and jsonlog (PG 15+). */
public enum LogFormat {
    STDERR, CSV, JSON;

    public static LogFormat parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "stderr", "log", "syslog" -> STDERR;
            case "csv", "csvlog" -> CSV;
            case "json", "jsonlog" -> JSON;
            default -> throw new IllegalArgumentException("unknown log format '" + name + "': expected stderr, csv or json");
        };
    }

    /**
     * The format of a file: from its name ({@code .csv}, {@code .json}, also under {@code .gz}), otherwise from its
     * first bytes ({@code {} starts jsonlog; a timestamp followed by a comma starts csvlog; anything else is stderr).
     */
    public static LogFormat detect(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl")) {
            return JSON;
        }
        try (InputStream in = LogSource.open(file)) {
            return sniff(in.readNBytes(256));
        }
    }

    static LogFormat sniff(byte[] head) {
        int i = 0;
        while (i < head.length && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r')) {
            i++;
        }
        if (i < head.length && head[i] == '{') {
            return JSON;
        }
        // csvlog: "2026-11-25 16:04:36.232 UTC," — the timestamp column is never quoted
        int comma = -1;
        for (int j = i; j < head.length && head[j] != '\n'; j++) {
            if (head[j] == ',') {
                comma = j;
                break;
            }
            if (head[j] == '|' || head[j] == '[') {
                break;
            }
        }
        return comma > i + 18 && comma < i + 40 ? CSV : STDERR;
    }
}
