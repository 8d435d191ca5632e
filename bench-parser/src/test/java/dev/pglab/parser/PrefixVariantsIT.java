package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.logs.StandardWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real capture rewritten with other log_line_prefix settings (as the server would have written them): the
 * parser finds the same items, with the prefix given and with it detected.
 */
class PrefixVariantsIT {
    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)(\\.\\d{3}) UTC\\|([^|\\n]*)\\|([^|\\n]*)\\|([0-9a-f]+)\\.([0-9a-f]+)\\|",
            Pattern.MULTILINE);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path tmp;

    /** Writes the capture's stderr log with another prefix. */
    static String rewrite(String log, String prefix) {
        Map<String, Integer> lineNumbers = new HashMap<>();
        Matcher m = LINE.matcher(log);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ts = m.group(1);
            String millis = m.group(2);
            String user = m.group(3);
            String db = m.group(4);
            String session = m.group(5) + "." + m.group(6);
            String pid = String.valueOf(Long.parseLong(m.group(6), 16));
            boolean client = !user.isEmpty();
            int line = lineNumbers.merge(session, 1, Integer::sum);
            String p = switch (prefix) {
                case "%m [%p] %q%u@%d " -> ts + millis + " UTC [" + pid + "] " + (client ? user + "@" + db + " " : "");
                case "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h " -> ts + " UTC [" + pid + "]: [" + line
                        + "-1] user=" + user + ",db=" + db + ",app=psql,client=" + (client ? "127.0.0.1" : "") + " ";
                case "%n [%c] %u %d: " -> LocalDateTime.parse(ts, SECONDS).toEpochSecond(ZoneOffset.UTC) + millis
                        + " [" + session + "] " + user + " " + db + ": ";
                default -> throw new IllegalArgumentException(prefix);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(p));
        }
        m.appendTail(out);
        return out.toString();
    }

    record Work(String kind, String sql, List<String> parameters, boolean failed) {
    }

    static List<Work> work(List<ReplayItem> items) {
        List<Work> w = new ArrayList<>();
        for (ReplayItem i : items) {
            switch (i) {
                case ReplayItem.Statement s -> w.add(new Work("statement", s.sql(), List.of(), s.failed()));
                case ReplayItem.Execute x -> w.add(new Work("execute " + x.statementName(), x.sql(), x.parameters(), x.failed()));
                case ReplayItem.Connect c -> w.add(new Work("connect", c.user() + "@" + c.database(), List.of(), false));
                case ReplayItem.Disconnect d -> w.add(new Work("disconnect", "", List.of(), false));
            }
        }
        return w;
    }

    @ParameterizedTest
    @ValueSource(strings = {"%m [%p] %q%u@%d ", "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ", "%n [%c] %u %d: "})
    void anotherPrefixGivesTheSameItems(String prefix) throws IOException {
        Path capture = StandardWorkload.DEFAULT.capture().stderr();
        Path variant = tmp.resolve("postgresql.log");
        Files.writeString(variant, rewrite(Files.readString(capture), prefix));
        List<ReplayItem> original = new ArrayList<>();
        new LogParser(ParserOptions.defaults()).parse(capture, original::add);

        List<ReplayItem> given = new ArrayList<>();
        ParseSummary s = new LogParser(ParserOptions.defaults().withPrefix(prefix)).parse(variant, given::add);
        assertThat(s.problems()).isEmpty();
        assertThat(work(given)).isEqualTo(work(original));
        StandardWorkload.Expected e = StandardWorkload.DEFAULT.expected();
        assertThat(s.sessions()).isEqualTo(e.sessions());
        assertThat(s.errors()).isEqualTo(e.errors());
        assertThat(s.fatals()).isEqualTo(e.fatals());
        if (!prefix.startsWith("%n")) {
            List<ReplayItem> detected = new ArrayList<>();
            ParseSummary d = new LogParser(ParserOptions.defaults()).parse(variant, detected::add);
            assertThat(d.prefix()).isEqualTo(prefix);
            assertThat(work(detected)).isEqualTo(work(original));
        }
        if (prefix.startsWith("%t")) {
            assertThat(given).allSatisfy(i -> assertThat(i.timestamp().fractionDigits()).isZero());
        }
    }
}
