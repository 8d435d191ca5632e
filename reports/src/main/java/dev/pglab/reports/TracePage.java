package dev.pglab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pglab.harness.result.TraceProfileFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A session trace's profile as a page: the tables {@code pglab trace report} prints (per normalised statement calls,
 * elapsed, server time, rows, buffers and waits by total time, sorted by elapsed; per session time in calls vs
 * between calls; pg_stat_statements beside the trace) and wait-time charts as inline SVG.
 *
 * <p>Input is the profile's JSON ({@code schema "pglab-trace-profile/1"}): what {@code pglab trace report --json}
 * prints, or the {@code trace-profile.json} a bench run leaves in {@code target/pglab/traces/<name>/} (with
 * {@code name}, {@code module}, {@code description}). Read as a tree: the report does not depend on the trace engine.
 * Times in the profile are µs (statements, sessions) and ms (crossCheck); the page shows ms.
 */
public final class TracePage {
    public static final String SCHEMA = TraceProfileFile.SCHEMA;
    public static final String FILE_NAME = TraceProfileFile.FILE_NAME;
    /** Statements shown in the wait chart; the tables list them all. */
    static final int CHART_STATEMENTS = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TracePage() {
    }

    /** A profile found on disk, with the name its page is written under. */
    record Found(Path file, JsonNode profile, String name) {
        String page() {
            return "trace-" + name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".html";
        }

        String module() {
            return profile.path("module").asText("");
        }

        long calls() {
            long n = 0;
            for (JsonNode s : profile.path("sessions")) {
                n += s.path("calls").asLong();
            }
            return n;
        }
    }

    /** Reads a profile file, checking its schema; the error names the file and what was expected. */
    public static JsonNode read(Path file) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": expected a trace profile (JSON, \"schema\": \"" + SCHEMA + "\"): "
                    + e.getMessage(), e);
        }
        if (node == null || !SCHEMA.equals(node.path("schema").asText())) {
            throw new IOException(file + ": expected \"schema\": \"" + SCHEMA + "\" (a trace profile), found "
                    + (node == null ? "an empty file" : "\"" + node.path("schema").asText("none") + "\""));
        }
        return node;
    }

    /** The profiles found, and the files skipped with the reason (the report goes on without them). */
    record Traces(List<Found> found, List<String> skipped) {
    }

    /**
     * Every {@code <dir>/<name>/trace-profile.json}, by name; a directory without one is not a trace, a file that is
     * not a profile is skipped with its reason.
     */
    static Traces findAll(Path tracesDir) throws IOException {
        if (!Files.isDirectory(tracesDir)) {
            return new Traces(List.of(), List.of());
        }
        List<Found> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(tracesDir)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                Path f = d.resolve(FILE_NAME);
                if (Files.isRegularFile(f)) {
                    try {
                        JsonNode p = read(f);
                        out.add(new Found(f, p, p.path("name").asText(d.getFileName().toString())));
                    } catch (IOException e) {
                        skipped.add(e.getMessage());
                    }
                }
            }
        }
        return new Traces(out, skipped);
    }

    /** Writes a self-contained page for one profile (no navigation): {@code pglab trace report DIR --html FILE}. */
    public static Path write(JsonNode profile, Path htmlFile) throws IOException {
        Path out = htmlFile.toAbsolutePath();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        String title = "pglab trace " + profile.path("name").asText(lastName(profile.path("dir").asText("")));
        Map<String, String> links = sessionFiles(Path.of(profile.path("dir").asText(".")), out.getParent());
        Files.writeString(out, Html.page(title, "<header><h1>" + Html.esc(title) + "</h1></header>"
                + body(profile, new Svg(), links)));
        return out;
    }

    /**
     * Session name -> link to its 10046-style text file, relative to {@code pageDir}, from the run's
     * {@code trace-run.json} ({@code sessions[].session}, {@code sessions[].file}); empty when there is none.
     */
    static Map<String, String> sessionFiles(Path traceDir, Path pageDir) {
        Map<String, String> links = new LinkedHashMap<>();
        Path run = traceDir.resolve("trace-run.json");
        if (!Files.isRegularFile(run)) {
            return links;
        }
        try {
            for (JsonNode s : JSON.readTree(run.toFile()).path("sessions")) {
                Path file = traceDir.resolve(s.path("file").asText(""));
                if (!s.path("file").asText("").isEmpty() && Files.isRegularFile(file)) {
                    Path abs = file.toAbsolutePath().normalize();
                    String href = pageDir == null ? abs.toUri().toString()
                            : pageDir.toAbsolutePath().normalize().relativize(abs).toString();
                    links.put(s.path("session").asText(), href);
                }
            }
        } catch (IOException | RuntimeException e) {
            // links are a convenience: a trace-run.json the report cannot read leaves the names unlinked
            return Map.of();
        }
        return links;
    }

    private static String lastName(String dir) {
        String d = dir.replaceAll("/+$", "");
        return d.substring(d.lastIndexOf('/') + 1);
    }

    /** The page's main part: summary line, charts, statement, session and cross-check tables. */
    static String body(JsonNode profile, Svg svg) {
        return body(profile, svg, Map.of());
    }

    /** As {@link #body(JsonNode, Svg)}, with each session's name linked to its trace file ({@code sessionLinks}). */
    static String body(JsonNode profile, Svg svg, Map<String, String> sessionLinks) {
        List<JsonNode> statements = byElapsed(profile.path("statements"));
        List<JsonNode> sessions = new ArrayList<>();
        profile.path("sessions").forEach(sessions::add);
        long calls = sessions.stream().mapToLong(s -> s.path("calls").asLong()).sum();
        StringBuilder b = new StringBuilder("<main class=\"trace\">");
        if (profile.hasNonNull("description")) {
            b.append("<p>").append(Html.esc(profile.path("description").asText())).append("</p>");
        }
        b.append("<p>Trace directory <code>").append(Html.esc(profile.path("dir").asText())).append("</code>: ")
                .append(sessions.size()).append(" sessions, ").append(calls).append(" calls, ").append(statements.size())
                .append(" statement shapes. Times in ms; elapsed = client side (<code>e=</code>), server = executor time "
                        + "from auto_explain (<code>se=</code>); waits are estimates from sampling pg_stat_activity "
                        + "(<code>CPU</code> = active with no wait event). Same data as <code>pglab trace report</code>.</p>");
        missing(b, sessions);

        b.append("<h2>Wait time</h2><div class=\"cards\">");
        Map<String, Map<String, Double>> perStatement = new LinkedHashMap<>();
        int n = 0;
        for (JsonNode s : statements) {
            n++;
            if (s.path("waits").isEmpty() || perStatement.size() >= CHART_STATEMENTS) {
                continue;
            }
            perStatement.put("#" + n + " " + abbreviate(s.path("shape").asText(), 48), millis(s.path("waits")));
        }
        if (perStatement.isEmpty()) {
            b.append("<p>no sampled waits in calls (the trace ran without the wait sampler, or every call was shorter "
                    + "than the sampling period).</p>");
        } else {
            b.append("<div class=\"card\" id=\"wait-by-statement\"><h3>Wait time by event per statement (in calls)</h3>")
                    .append(svg.render(Charts.stackedBars("sampled wait time in calls, statements by total elapsed",
                            "ms", perStatement), 1100, chartHeight(perStatement.size())))
                    .append("</div>");
        }
        Map<String, Map<String, Double>> byEvent = waitsByEvent(sessions);
        if (!byEvent.isEmpty()) {
            b.append("<div class=\"card\" id=\"wait-by-event\"><h3>Wait time by event: in calls vs between calls</h3>")
                    .append(svg.render(Charts.stackedBars("all sessions, largest first", "ms", byEvent), 760,
                            chartHeight(byEvent.size())))
                    .append("</div>");
        }
        Map<String, Map<String, Double>> perSession = new LinkedHashMap<>();
        for (JsonNode s : sessions) {
            Map<String, Double> parts = new LinkedHashMap<>();
            parts.put("in calls", s.path("inCalls").asLong() / 1000.0);
            parts.put("between calls", s.path("betweenCalls").asLong() / 1000.0);
            perSession.put(s.path("session").asText() + " (pid " + s.path("pid").asInt() + ")", parts);
        }
        if (!perSession.isEmpty()) {
            b.append("<div class=\"card\" id=\"session-time\"><h3>Time per session: in calls vs between calls</h3>")
                    .append(svg.render(Charts.stackedBars("client clock, from traced to closed", "ms", perSession), 760,
                            chartHeight(perSession.size())))
                    .append("</div>");
        }
        b.append("</div>");

        b.append("<h2>Statements, by total elapsed</h2>");
        b.append("<table class=\"trace-statements\"><thead><tr><th>#</th><th>statement</th><th>calls</th><th>errors</th>"
                + "<th>elapsed ms</th><th>ms/call</th><th>server ms</th><th>server ms/call</th><th>rows</th>"
                + "<th>shared hit</th><th>shared read</th><th>dirtied</th><th>written</th><th>temp blocks</th>"
                + "<th>I/O ms</th><th>waits in calls (ms, largest first)</th></tr></thead><tbody>");
        n = 0;
        for (JsonNode s : statements) {
            long c = s.path("calls").asLong();
            long sc = s.path("serverCalls").asLong();
            b.append("<tr><td class=\"n\">").append(++n).append("</td><td class=\"sql\"><code>")
                    .append(Html.esc(s.path("shape").asText())).append("</code>");
            if (s.path("dep").asInt() > 0) {
                b.append(" <small>(recursive, dep=").append(s.path("dep").asInt()).append(")</small>");
            }
            b.append("</td>");
            cell(b, c);
            cell(b, s.path("errors").asLong());
            cell(b, ms(s.path("elapsed").asLong()));
            cell(b, c == 0 ? Double.NaN : s.path("elapsed").asLong() / 1000.0 / c);
            cell(b, sc == 0 ? Double.NaN : s.path("serverElapsed").asLong() / 1000.0);
            cell(b, sc == 0 ? Double.NaN : s.path("serverElapsed").asLong() / 1000.0 / sc);
            cell(b, s.path("rows").asLong());
            cell(b, s.path("sharedHit").asLong());
            cell(b, s.path("sharedRead").asLong());
            cell(b, s.path("sharedDirtied").asLong());
            cell(b, s.path("sharedWritten").asLong());
            cell(b, s.path("tempBlocks").asLong());
            cell(b, ms(s.path("ioMicros").asLong()));
            b.append("<td class=\"waits\">").append(waitList(s.path("waits"), Integer.MAX_VALUE)).append("</td></tr>");
        }
        b.append("</tbody></table>");

        b.append("<h2>Sessions: time in calls vs between calls</h2>");
        b.append("<table class=\"trace-sessions\"><thead><tr><th>session</th><th>pid</th><th>calls</th><th>in calls ms</th>"
                + "<th>between calls ms</th><th>% in calls</th><th>waits in calls (ms)</th>"
                + "<th>waits between calls (ms)</th></tr></thead><tbody>");
        // session names link to their .trc file when the trace files are beside the profile
        for (JsonNode s : sessions) {
            long in = s.path("inCalls").asLong();
            long between = s.path("betweenCalls").asLong();
            String name = s.path("session").asText();
            String href = sessionLinks.get(name);
            b.append("<tr><td>").append(href == null ? Html.esc(name)
                    : "<a href=\"" + Html.esc(href) + "\">" + Html.esc(name) + "</a>").append("</td>");
            cell(b, s.path("pid").asLong());
            cell(b, s.path("calls").asLong());
            cell(b, ms(in));
            cell(b, ms(between));
            cell(b, in + between == 0 ? Double.NaN : 100.0 * in / (in + between));
            b.append("<td class=\"waits\">").append(waitList(s.path("waitsInCalls"), 5)).append("</td><td class=\"waits\">")
                    .append(waitList(s.path("waitsBetweenCalls"), 5)).append("</td></tr>");
        }
        b.append("</tbody></table>");

        JsonNode check = profile.path("crossCheck");
        if (check.isArray() && !check.isEmpty()) {
            b.append("<h2>Cross-check with pg_stat_statements (after − before)</h2><table class=\"trace-crosscheck\">"
                    + "<thead><tr><th>statement</th><th>trace calls</th><th>pgss calls</th><th>trace server ms</th>"
                    + "<th>pgss exec ms</th><th>trace rows</th><th>pgss rows</th></tr></thead><tbody>");
            for (JsonNode c : check) {
                b.append("<tr><td class=\"sql\"><code>").append(Html.esc(c.path("shape").asText())).append("</code></td>");
                cell(b, c.path("traceCalls").asLong());
                cell(b, c.path("pgssCalls").asLong());
                cell(b, c.path("traceServerMillis").asDouble());
                cell(b, c.path("pgssExecMillis").asDouble());
                cell(b, c.path("traceRows").asLong());
                cell(b, c.path("pgssRows").asLong());
                b.append("</tr>");
            }
            b.append("</tbody></table>");
        }
        return b.append("</main>").toString();
    }

    /** Statements by total elapsed, largest first (the profile is already so ordered; a hand-made one may not be). */
    static List<JsonNode> byElapsed(JsonNode statements) {
        List<JsonNode> out = new ArrayList<>();
        statements.forEach(out::add);
        out.sort(Comparator.comparingLong((JsonNode s) -> s.path("elapsed").asLong()).reversed());
        return out;
    }

    /** Wait events summed over sessions, in calls and between calls, largest total first (ms). */
    static Map<String, Map<String, Double>> waitsByEvent(List<JsonNode> sessions) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (JsonNode s : sessions) {
            s.path("waitsInCalls").fields().forEachRemaining(e -> sums.computeIfAbsent(e.getKey(), k -> new double[2])[0]
                    += e.getValue().asLong() / 1000.0);
            s.path("waitsBetweenCalls").fields().forEachRemaining(e -> sums.computeIfAbsent(e.getKey(), k -> new double[2])[1]
                    += e.getValue().asLong() / 1000.0);
        }
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        sums.entrySet().stream().sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e)
                        -> e.getValue()[0] + e.getValue()[1]).reversed())
                .forEach(e -> {
                    Map<String, Double> parts = new LinkedHashMap<>();
                    parts.put("in calls", e.getValue()[0]);
                    parts.put("between calls", e.getValue()[1]);
                    out.put(e.getKey(), parts);
                });
        return out;
    }

    private static void missing(StringBuilder b, List<JsonNode> sessions) {
        List<String> missing = new ArrayList<>();
        for (JsonNode s : sessions) {
            s.path("missing").forEach(m -> {
                String text = m.asText();
                if (!missing.contains(text)) {
                    missing.add(text);
                }
            });
        }
        if (!missing.isEmpty()) {
            b.append("<div class=\"missing\"><strong>Missing parts</strong> (the trace is partial):<ul>");
            missing.forEach(m -> b.append("<li>").append(Html.esc(m)).append("</li>"));
            b.append("</ul></div>");
        }
    }

    private static Map<String, Double> millis(JsonNode waits) {
        Map<String, Double> m = new LinkedHashMap<>();
        waits.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong() / 1000.0));
        return m;
    }

    private static String waitList(JsonNode waits, int limit) {
        StringBuilder s = new StringBuilder();
        int[] left = {limit};
        waits.fields().forEachRemaining(e -> {
            if (left[0]-- > 0) {
                s.append(s.isEmpty() ? "" : "<br>").append(Html.esc(e.getKey())).append(' ')
                        .append(Html.decimal(e.getValue().asLong() / 1000.0));
            }
        });
        return s.toString();
    }

    private static int chartHeight(int bars) {
        return Math.max(200, 110 + 30 * bars);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static void cell(StringBuilder b, long v) {
        b.append("<td class=\"n\">").append(v).append("</td>");
    }

    private static void cell(StringBuilder b, double v) {
        b.append("<td class=\"n\">").append(Html.decimal(v)).append("</td>");
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    static String summary(Found f) {
        return String.format(Locale.ROOT, "%d sessions, %d calls, %d statement shapes",
                f.profile().path("sessions").size(), f.calls(), f.profile().path("statements").size());
    }
}
