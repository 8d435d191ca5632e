package dev.pglab.parser.bench;

import dev.pglab.parser.LogTimestamp;
import dev.pglab.parser.ReplayItem;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference the benchmark compares against: a stderr parser for the capture prefix {@code %m|%u|%d|%c|}
 * written the obvious way (the seed article's starting point): read lines, glue TAB continuation lines on, match
 * every line with regular expressions, build Strings for everything. Correct on the captures; not fast. It only
 * exists to measure how far the real parser is from it.
 */
public final class NaiveRegexParser {
    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) (\\S+)\\|([^|]*)\\|([^|]*)\\|([^|]*)\\|([A-Z0-9]+):  (.*)$",
            Pattern.DOTALL);
    private static final Pattern STATEMENT = Pattern.compile("^statement: (.*)$", Pattern.DOTALL);
    private static final Pattern EXECUTE = Pattern.compile("^execute (?!fetch from )([^:]+): (.*)$", Pattern.DOTALL);
    private static final Pattern CONNECT = Pattern.compile("^connection authorized: user=(\\S+) database=(\\S+).*$", Pattern.DOTALL);
    private static final Pattern DISCONNECT = Pattern.compile("^disconnection: .*$", Pattern.DOTALL);
    private static final Pattern PARAMETERS = Pattern.compile("^[Pp]arameters: (.*)$", Pattern.DOTALL);
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+) = (?:'((?:[^']++|'')*+)'|NULL)", Pattern.DOTALL);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private NaiveRegexParser() {
    }

    /** Parses the file; returns the number of items. */
    public static long parse(Path file, Consumer<ReplayItem> out) throws IOException {
        long items = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> entry = new ArrayList<>();
            String line;
            ReplayItem.Execute pending = null;
            while (true) {
                line = reader.readLine();
                if (line != null && line.startsWith("\t")) {
                    entry.add(line.substring(1));
                    continue;
                }
                if (!entry.isEmpty()) {
                    Matcher m = LINE.matcher(String.join("\n", entry));
                    if (m.matches()) {
                        String level = m.group(6);
                        String message = m.group(7);
                        if (level.equals("DETAIL") && pending != null) {
                            Matcher p = PARAMETERS.matcher(message);
                            if (p.matches()) {
                                List<String> values = new ArrayList<>();
                                Matcher v = PARAMETER.matcher(p.group(1));
                                while (v.find()) {
                                    values.add(v.group(2) == null ? null : v.group(2).replace("''", "'"));
                                }
                                pending = new ReplayItem.Execute(pending.sessionId(), pending.timestamp(), pending.user(),
                                        pending.database(), pending.statementName(), pending.sql(), values,
                                        OptionalDouble.empty(), false);
                            }
                        } else {
                            if (pending != null) {
                                out.accept(pending);
                                items++;
                                pending = null;
                            }
                            if (level.equals("LOG")) {
                                LogTimestamp ts = new LogTimestamp(LocalDateTime.parse(m.group(1), TS)
                                        .toInstant(ZoneOffset.UTC).toEpochMilli() * 1000, m.group(2), 3);
                                Matcher s;
                                if ((s = STATEMENT.matcher(message)).matches()) {
                                    out.accept(new ReplayItem.Statement(m.group(5), ts, m.group(3), m.group(4), s.group(1),
                                            OptionalDouble.empty(), false));
                                    items++;
                                } else if ((s = EXECUTE.matcher(message)).matches()) {
                                    String name = s.group(1).equals("<unnamed>") ? "" : s.group(1);
                                    pending = new ReplayItem.Execute(m.group(5), ts, m.group(3), m.group(4), name, s.group(2),
                                            List.of(), OptionalDouble.empty(), false);
                                } else if ((s = CONNECT.matcher(message)).matches()) {
                                    out.accept(new ReplayItem.Connect(m.group(5), ts, s.group(1), s.group(2)));
                                    items++;
                                } else if (DISCONNECT.matcher(message).matches()) {
                                    out.accept(new ReplayItem.Disconnect(m.group(5), ts));
                                    items++;
                                }
                            }
                        }
                    }
                    entry.clear();
                }
                if (line == null) {
                    break;
                }
                entry.add(line);
            }
            if (pending != null) {
                out.accept(pending);
                items++;
            }
        }
        return items;
    }
}
