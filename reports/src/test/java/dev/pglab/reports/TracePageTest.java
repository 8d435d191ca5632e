package dev.pglab.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace page over a real profile: {@code traces/replay-transfers/trace-profile.json} was written by the bench
 * pass ({@code PublishedTraces.replayTransfers}: the fixtures' trace-transfers capture replayed traced into the
 * embedded PostgreSQL 17; one UPDATE waited about 300 ms for another session's row lock).
 */
class TracePageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPDATE = "update trc_acct set bal = bal + ? where id = ?";
    private static JsonNode profile;
    private static String html;

    @BeforeAll
    static void render() throws Exception {
        profile = TracePage.read(realProfile());
        html = TracePage.body(profile, new Svg());
    }

    static Path realProfile() throws URISyntaxException {
        return Path.of(TracePageTest.class.getResource("/traces/replay-transfers/trace-profile.json").toURI());
    }

    @Test
    void theStatementTableHasEveryShapeByTotalElapsedWithTheProfilesNumbers() {
        List<List<String>> rows = rows(html, "trace-statements");
        assertThat(rows).hasSize(profile.path("statements").size());
        List<Double> elapsed = rows.stream().map(r -> Double.parseDouble(r.get(4))).toList();
        assertThat(elapsed).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        List<String> update = rows.stream().filter(r -> r.get(1).equals(UPDATE)).findFirst().orElseThrow();
        JsonNode u = statement(UPDATE);
        assertThat(update.get(2)).isEqualTo("2");                                    // calls: holder and waiter
        assertThat(update.get(8)).isEqualTo("2");                                    // rows
        assertThat(update.get(2)).isEqualTo(u.path("calls").asText());
        assertThat(Double.parseDouble(update.get(4))).isCloseTo(u.path("elapsed").asLong() / 1000.0,
                org.assertj.core.data.Offset.offset(0.1));
        assertThat(update.get(9)).isEqualTo(u.path("sharedHit").asText());
        // the waiter's lock wait, sampled, is the update's largest wait
        assertThat(update.get(15)).startsWith("Lock:transactionid ");
        double lockMs = Double.parseDouble(update.get(15).split(" ")[1].split("\n")[0]);
        assertThat(lockMs).isGreaterThan(150).isLessThan(1000);
    }

    @Test
    void theSessionTableSplitsTimeInCallsAndBetweenCalls() {
        List<List<String>> rows = rows(html, "trace-sessions");
        assertThat(rows).hasSize(profile.path("sessions").size()).hasSize(4);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode s = profile.path("sessions").get(i);
            List<String> r = rows.get(i);
            assertThat(r.get(0)).isEqualTo(s.path("session").asText());
            assertThat(r.get(2)).isEqualTo(s.path("calls").asText());
            double in = s.path("inCalls").asLong() / 1000.0;
            double between = s.path("betweenCalls").asLong() / 1000.0;
            assertThat(Double.parseDouble(r.get(3))).isCloseTo(in, org.assertj.core.data.Offset.offset(0.1));
            assertThat(Double.parseDouble(r.get(4))).isCloseTo(between, org.assertj.core.data.Offset.offset(0.1));
            assertThat(Double.parseDouble(r.get(5))).isCloseTo(100 * in / (in + between), org.assertj.core.data.Offset.offset(0.1));
        }
    }

    @Test
    void theWaitChartIsAnInlineSvgWithTheLockWaitInItsLegend() {
        String chart = between(html, "id=\"wait-by-statement\"", "</div>");
        assertThat(chart).contains("<svg").contains("Lock:transactionid").contains("#1 ").contains("<rect");
        assertThat(between(html, "id=\"wait-by-event\"", "</div>")).contains("<svg").contains("between calls");
        assertThat(between(html, "id=\"session-time\"", "</div>")).contains("<svg").contains("in calls");
        assertThat(html).doesNotContain("<script", "src=\"http", "href=\"http");
    }

    @Test
    void theCrossCheckTableShowsPgStatStatementsBesideTheTrace() {
        List<List<String>> rows = rows(html, "trace-crosscheck");
        assertThat(rows).hasSize(profile.path("crossCheck").size());
        List<String> update = rows.stream().filter(r -> r.get(0).equals(UPDATE)).findFirst().orElseThrow();
        assertThat(update.get(1)).isEqualTo("2");
        assertThat(update.get(2)).isEqualTo("2");
    }

    @Test
    void aStandalonePageIsWrittenForOneProfile(@TempDir Path dir) throws IOException {
        Path page = TracePage.write(profile, dir.resolve("sub/trace.html"));
        String text = Files.readString(page);
        assertThat(text).startsWith("<!DOCTYPE html>").contains("<title>pglab trace replay-transfers</title>")
                .contains("trace-statements").contains("trace-sessions").doesNotContain("index.html");
    }

    @Test
    void aFileThatIsNotAProfileIsAClearError(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("trace-profile.json"), "{\"schema\": \"pglab-result/1\"}");
        assertThatThrownBy(() -> TracePage.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("pglab-trace-profile/1");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schema\": ");
        assertThatThrownBy(() -> TracePage.read(broken)).hasMessageContaining(broken.toString())
                .hasMessageContaining("expected a trace profile");
    }

    @Test
    void theReportFindsProfilesUnderTargetPglabTraces(@TempDir Path root) throws IOException, URISyntaxException {
        Path traces = root.resolve("target/pglab/traces");
        copyTraceDir(traces.resolve("replay-transfers"));
        Files.createDirectories(traces.resolve("not-a-trace"));
        Path bad = Files.createDirectories(traces.resolve("bad")).resolve(TracePage.FILE_NAME);
        Files.writeString(bad, "{\"schema\": \"something-else/1\"}");
        Path index = new Report(root, Report.defaultDir(root)).write();
        // the bad one is named with its reason; the good one still gets its page
        assertThat(Files.readString(index)).contains("Session traces").contains("href=\"trace-replay-transfers.html\"")
                .contains("trace profile skipped: " + bad).doesNotContain("trace-bad.html");
        assertThat(index.resolveSibling("trace-bad.html")).doesNotExist();
        String page = Files.readString(index.resolveSibling("trace-replay-transfers.html"));
        assertThat(page).contains("trace-statements");
        // each session's name links to its .trc file, relative to the report directory
        for (JsonNode s : profile.path("sessions")) {
            String name = s.path("session").asText();
            Matcher link = Pattern.compile("<a href=\"([^\"]+)\">" + Pattern.quote(name) + "</a>").matcher(page);
            assertThat(link.find()).as("link for session %s", name).isTrue();
            Path target = index.getParent().resolve(link.group(1)).normalize();
            assertThat(target).isRegularFile().hasFileName(name + ".trc");
            assertThat(Files.readString(target)).contains("*** session: " + name);
        }
    }

    /** The committed trace directory (profile, trace-run.json, the .trc files) copied to {@code dir}. */
    static void copyTraceDir(Path dir) throws IOException, URISyntaxException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(realProfile().getParent())) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
    }

    /** Any statement texts and times: rows come out by total elapsed, each text escaped once. */
    @Property(tries = 15)
    void anyProfileRendersSortedAndEscaped(@ForAll @Size(min = 1, max = 6) List<@StringLength(max = 30) String> shapes,
                                           @ForAll @Size(min = 6, max = 6) List<@LongRange(min = 0, max = 5_000_000_000L) Long> elapsed) {
        ObjectNode p = JSON.createObjectNode().put("schema", TracePage.SCHEMA).put("dir", "/tmp/x");
        ArrayNode st = p.putArray("statements");
        for (int i = 0; i < shapes.size(); i++) {
            ObjectNode s = st.addObject().put("shape", shapes.get(i)).put("calls", 1).put("elapsed", elapsed.get(i));
            s.putObject("waits").put("Lock:tuple", elapsed.get(i) / 2);
        }
        p.putArray("sessions").addObject().put("session", "<s&1>").put("calls", shapes.size()).put("inCalls", 10)
                .put("betweenCalls", 30);
        String out = TracePage.body(p, new Svg());
        List<List<String>> rows = rows(out, "trace-statements");
        assertThat(rows).hasSize(shapes.size());
        List<Long> sorted = elapsed.subList(0, shapes.size()).stream().sorted((a, b) -> Long.compare(b, a)).toList();
        for (int i = 0; i < rows.size(); i++) {
            double expected = sorted.get(i) / 1000.0;
            // Html.num: 3 decimals, or 4 significant digits below 0.01 ms
            assertThat(Double.parseDouble(rows.get(i).get(4))).isCloseTo(expected,
                    org.assertj.core.data.Offset.offset(Math.max(0.0006, expected * 0.001)));
        }
        assertThat(rows.stream().map(r -> r.get(1)).sorted().toList()).isEqualTo(shapes.stream().map(String::strip)
                .sorted().toList());
        assertThat(rows(out, "trace-sessions").getFirst().get(0)).isEqualTo("<s&1>");
        assertThat(rows(out, "trace-sessions").getFirst().get(5)).isEqualTo("25.000");
    }

    private static JsonNode statement(String shape) {
        for (JsonNode s : profile.path("statements")) {
            if (s.path("shape").asText().equals(shape)) {
                return s;
            }
        }
        throw new AssertionError("no statement " + shape + " in the profile");
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from);
        assertThat(a).as("%s in the page", from).isGreaterThanOrEqualTo(0);
        int b = s.indexOf(to, s.indexOf("</svg>", a));
        return s.substring(a, b);
    }

    /** The body rows of a table of that class, as cell texts (tags stripped, entities decoded, <br> as newline). */
    static List<List<String>> rows(String html, String tableClass) {
        int start = html.indexOf("<table class=\"" + tableClass + "\"");
        assertThat(start).as("table %s", tableClass).isGreaterThanOrEqualTo(0);
        String table = html.substring(start, html.indexOf("</table>", start));
        String body = table.substring(table.indexOf("<tbody>"));
        List<List<String>> rows = new ArrayList<>();
        Matcher tr = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(body);
        while (tr.find()) {
            List<String> cells = new ArrayList<>();
            Matcher td = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(tr.group(1));
            while (td.find()) {
                String cell = td.group(1).replaceAll("<small>.*?</small>", "").replace("<br>", "\n")
                        .replaceAll("<[^>]+>", "");
                cells.add(cell.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&").strip());
            }
            rows.add(cells);
        }
        return rows;
    }
}
