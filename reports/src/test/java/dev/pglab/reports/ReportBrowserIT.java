package dev.pglab.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pglab.ci.GateOptions;
import dev.pglab.ci.GateReport;
import dev.pglab.ci.GateRun;
import dev.pglab.ci.ProbeRuns;
import dev.pglab.ci.KeyVerdict;
import dev.pglab.ci.Verdict;
import dev.pglab.harness.measure.LatencyRecorder;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.WithPg;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report opened in a real headless Chromium at 1400 x 900: real results (ci's probe benchmark measured twice
 * through LabRunner, the second time with an injected allocation), a baseline update, a gate run, history lines, a
 * latency histogram of real file reads, a session trace's profile, and bench-replay's stall capture replayed in
 * session and serial mode into the embedded PostgreSQL (the replay pages). Asserts the injected REGRESSION is the
 * first row of the change chart and visible without scrolling, no page holds a number in scientific notation, no
 * console errors or failed loads, tables and charts present; saves screenshots under target/.
 */
@WithPg
class ReportBrowserIT {
    /** A number in scientific notation standing alone (not inside a hex commit or fingerprint id). */
    static final String SCIENTIFIC = "(^|[^\\w.])\\d+(\\.\\d+)?[eE][-+]?\\d+(?![\\w.])";
    private static final String SCIENTIFIC_FOUND = "(() => { const m = document.body.textContent.match(/"
            + SCIENTIFIC + "/); return m ? m[0] : ''; })()";

    @Test
    void theReportLoadsInChromiumWithTheRegressionOnTopAndNoScientificNotation(@TempDir Path root, PgServer pg) throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        assumeTrue(chromium.isPresent(), "chromium is not installed here, skipping the browser test "
                + "(.ci/run installs it: apt-get update && apt-get install -y chromium)");

        ProbeRuns.run(root, "");
        gate(root, "update");
        Path results = ProbeRuns.run(root, "alloc");
        GateReport gate = gate(root, "compare");
        assertThat(gate.regressions()).isGreaterThanOrEqualTo(1);
        java.util.Set<String> regressed = gate.verdicts().stream().filter(v -> v.verdict() == Verdict.REGRESSION)
                .map(KeyVerdict::key).collect(java.util.stream.Collectors.toSet());

        LatencyRecorder reads = new LatencyRecorder();
        for (int i = 0; i < 400; i++) {
            long t0 = System.nanoTime();
            byte[] bytes = Files.readAllBytes(results);
            reads.record(System.nanoTime() - t0 + (bytes.length == 0 ? 1 : 0));
        }
        LatencyRecorder.writeHgrm(reads.snapshot(), root.resolve("target/pglab/work/probe/result-read.hgrm"));

        // a session trace's profile as the bench pass leaves it (real: a traced replay of the fixtures' capture)
        TracePageTest.copyTraceDir(root.resolve("target/pglab/traces/replay-transfers"));

        // the seed's stall: one capture replayed per session and serially, each with its timeline and page
        Path replays = root.resolve("target/pglab/replays");
        StallReplays.run(pg, replays.resolve("stall-session"), replays.resolve("stall-serial"));
        JsonNode session = ReplayPage.read(replays.resolve("stall-session")).timeline();
        JsonNode serial = ReplayPage.read(replays.resolve("stall-serial")).timeline();
        assertThat(emptySecondsInside(serial)).as("serial: the stall is a gap in throughput").isGreaterThanOrEqualTo(1);
        assertThat(emptySecondsInside(session)).as("per session: no gap").isZero();
        assertThat(maxP99(serial)).as("serial: a lateness spike").isGreaterThan(2_000);
        assertThat(maxP99(session)).as("per session: on time but S00's own wait").isLessThan(maxP99(serial));
        Path compare = ReplayPage.write(List.of(replays.resolve("stall-session"), replays.resolve("stall-serial")),
                replays.resolve("stall-compare.html"));

        Path index = new Report(root, Report.defaultDir(root)).write();
        String html = Files.readString(index);
        assertThat(html).doesNotContain("<link", "<script src", "src=\"http", "@import");
        assertThat(html).contains("replays/stall-session/index.html", "replays/stall-serial/index.html",
                "href=\"" + Report.comparePage(0) + "\"");
        assertThat(index.resolveSibling(Report.comparePage(0))).isNotEmptyFile();
        Path suite = index.resolveSibling(Report.page("probe"));
        assertThat(suite).exists();

        try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), root.resolve("chromium-profile"))) {
            browser.viewport(1400, 900);
            assertThat(browser.open(index.toUri().toString())).isEmpty();
            JsonNode overview = browser.evaluate("(() => { const first = document.querySelector('table.changes tbody tr');"
                    + " const box = first.getBoundingClientRect(); return {rows: document.querySelectorAll('table.changes tbody tr').length,"
                    + " firstKey: first.dataset.key, firstVerdict: first.querySelector('td.v').textContent,"
                    + " firstBottom: box.bottom, firstBarWidth: first.querySelector('td.bar rect').getBBox().width,"
                    + " firstChange: first.querySelector('td.change-text').textContent, scientific: " + SCIENTIFIC_FOUND + "}; })()");
            assertThat(overview.path("rows").asInt()).isEqualTo(gate.verdicts().size());
            assertThat(overview.path("firstVerdict").asText()).isEqualTo("REGRESSION");
            assertThat(regressed).contains(overview.path("firstKey").asText());
            assertThat(overview.path("firstBottom").asDouble()).as("the regression is seen without scrolling").isLessThan(900);
            assertThat(overview.path("firstBarWidth").asDouble()).as("its bar is drawn").isGreaterThan(20);
            assertThat(overview.path("firstChange").asText()).contains("B/op");
            assertThat(overview.path("scientific").asText()).as("scientific notation on the overview").isEmpty();
            browser.screenshotVisible(Path.of("target/report-index.png"));

            assertThat(browser.open(suite.toUri().toString())).isEmpty();
            JsonNode page = browser.evaluate("({tables: document.querySelectorAll('table').length,"
                    + " svgs: document.querySelectorAll('svg').length,"
                    + " forks: document.querySelectorAll('svg.forks').length,"
                    + " forkTips: document.querySelectorAll('svg.forks circle title').length,"
                    + " logBars: document.querySelectorAll('svg.hbars').length,"
                    + " history: document.querySelectorAll('svg.history').length,"
                    + " drawn: [...document.querySelectorAll('svg')].filter(s => s.getBBox().width > 100).length,"
                    + " scientific: " + SCIENTIFIC_FOUND + "})");
            // 3 keys x (change bar) + per-fork points x 3 + bytes/op + percentile plot + history x 3
            assertThat(page.path("forks").asInt()).isEqualTo(3);
            assertThat(page.path("forkTips").asInt()).isGreaterThanOrEqualTo(6);
            assertThat(page.path("logBars").asInt()).isEqualTo(1);
            assertThat(page.path("tables").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(page.path("scientific").asText()).as("scientific notation on the suite page").isEmpty();
            browser.screenshot(Path.of("target/report-suite-probe.png"));

            Path trace = index.resolveSibling("trace-replay-transfers.html");
            assertThat(html).contains("href=\"trace-replay-transfers.html\"");
            assertThat(browser.open(trace.toUri().toString())).isEmpty();
            JsonNode t = browser.evaluate("({statements: document.querySelectorAll('table.trace-statements tbody tr').length,"
                    + " sessions: document.querySelectorAll('table.trace-sessions tbody tr').length,"
                    + " firstShape: document.querySelector('table.trace-statements tbody tr td.sql code').textContent,"
                    + " waitChart: document.querySelector('#wait-by-statement svg') !== null,"
                    + " waitChartBox: document.querySelector('#wait-by-statement svg').getBBox().width,"
                    + " waitLegend: document.querySelector('#wait-by-statement svg').textContent.includes('Lock:transactionid'),"
                    + " sessionLinks: document.querySelectorAll('table.trace-sessions a[href$=\".trc\"]').length,"
                    + " svgs: document.querySelectorAll('svg').length,"
                    + " drawn: [...document.querySelectorAll('svg')].filter(s => s.getBBox().width > 100).length,"
                    + " scientific: " + SCIENTIFIC_FOUND + "})");
            JsonNode profile = TracePage.read(TracePageTest.realProfile());
            assertThat(t.path("statements").asInt()).isEqualTo(profile.path("statements").size());
            assertThat(t.path("sessions").asInt()).isEqualTo(profile.path("sessions").size());
            assertThat(t.path("firstShape").asText()).isEqualTo(TracePage.byElapsed(profile.path("statements")).getFirst()
                    .path("shape").asText());
            assertThat(t.path("waitChart").asBoolean()).isTrue();
            assertThat(t.path("waitChartBox").asDouble()).isGreaterThan(100);
            assertThat(t.path("waitLegend").asBoolean()).isTrue();
            assertThat(t.path("sessionLinks").asInt()).isEqualTo(profile.path("sessions").size());
            assertThat(t.path("svgs").asInt()).isEqualTo(3);
            assertThat(t.path("drawn").asInt()).isEqualTo(3);
            assertThat(t.path("scientific").asText()).as("scientific notation on the trace page").isEmpty();
            browser.screenshot(Path.of("target/report-trace.png"));

            for (Path replayPage : List.of(replays.resolve("stall-serial/index.html"), compare)) {
                assertThat(browser.open(replayPage.toUri().toString())).isEmpty();
                JsonNode r = browser.evaluate("({charts: document.querySelectorAll('svg.timeline').length,"
                        + " drawn: [...document.querySelectorAll('svg.timeline')].filter(s => s.getBBox().width > 600).length,"
                        + " replays: document.querySelectorAll('table.replays tbody tr').length,"
                        + " fingerprints: document.querySelectorAll('table.fingerprints tbody tr').length,"
                        + " scientific: " + SCIENTIFIC_FOUND + "})");
                assertThat(r.path("charts").asInt()).isEqualTo(3);
                assertThat(r.path("drawn").asInt()).isEqualTo(3);
                assertThat(r.path("replays").asInt()).isEqualTo(replayPage.equals(compare) ? 2 : 1);
                assertThat(r.path("fingerprints").asInt()).isGreaterThanOrEqualTo(2);
                assertThat(r.path("scientific").asText()).as("scientific notation on %s", replayPage).isEmpty();
            }
            browser.screenshot(Path.of("target/report-replay-compare.png"));
        }
        assertThat(Path.of("target/report-index.png")).isNotEmptyFile();
    }

    /** Seconds with nothing sent between the first and the last second that sent something. */
    static int emptySecondsInside(JsonNode timeline) {
        List<Long> executed = new java.util.ArrayList<>();
        timeline.path("seconds").forEach(o -> executed.add(o.path("executed").asLong()));
        int first = 0;
        while (first < executed.size() && executed.get(first) == 0) {
            first++;
        }
        int last = executed.size() - 1;
        while (last > first && executed.get(last) == 0) {
            last--;
        }
        int empty = 0;
        for (int i = first; i <= last; i++) {
            empty += executed.get(i) == 0 ? 1 : 0;
        }
        return empty;
    }

    static double maxP99(JsonNode timeline) {
        double max = 0;
        for (JsonNode o : timeline.path("seconds")) {
            max = Math.max(max, o.path("latenessP99Ms").asDouble(0));
        }
        return max;
    }

    private static GateReport gate(Path root, String baselineMode) throws Exception {
        GateOptions o = GateOptions.defaults(root).with("warn", baselineMode, null, null, "append");
        return new GateRun(o, new PrintStream(System.out, true)).run();
    }
}
