package dev.pglab.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pglab.ci.GateOptions;
import dev.pglab.ci.GateReport;
import dev.pglab.ci.GateRun;
import dev.pglab.ci.ProbeRuns;
import dev.pglab.harness.measure.LatencyRecorder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report opened in a real headless Chromium: real results (ci's probe benchmark measured twice through
 * LabRunner, the second time with an injected allocation), a baseline update, a gate run, history lines, and a
 * latency histogram of real file reads, and a session trace's profile (the trace page). Asserts no console errors
 * or failed loads, tables and charts present,
 * and saves screenshots under target/.
 */
class ReportBrowserIT {

    @Test
    void theReportLoadsInChromiumWithTablesAndChartsAndNoConsoleErrors(@TempDir Path root) throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        assumeTrue(chromium.isPresent(), "chromium is not installed here, skipping the browser test "
                + "(.ci/run installs it: apt-get update && apt-get install -y chromium)");

        ProbeRuns.run(root, "");
        gate(root, "update");
        Path results = ProbeRuns.run(root, "alloc");
        GateReport gate = gate(root, "compare");
        assertThat(gate.regressions()).isGreaterThanOrEqualTo(1);

        LatencyRecorder reads = new LatencyRecorder();
        for (int i = 0; i < 400; i++) {
            long t0 = System.nanoTime();
            byte[] bytes = Files.readAllBytes(results);
            reads.record(System.nanoTime() - t0 + (bytes.length == 0 ? 1 : 0));
        }
        LatencyRecorder.writeHgrm(reads.snapshot(), root.resolve("target/pglab/work/probe/result-read.hgrm"));

        // a session trace's profile as the bench pass leaves it (real: a traced replay of the fixtures' capture)
        TracePageTest.copyTraceDir(root.resolve("target/pglab/traces/replay-transfers"));

        Path index = new Report(root, Report.defaultDir(root)).write();
        String html = Files.readString(index);
        assertThat(html).doesNotContain("<link", "<script src", "src=\"http", "@import");
        Path suite = index.resolveSibling(Report.page("probe"));
        assertThat(suite).exists();

        try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), root.resolve("chromium-profile"))) {
            assertThat(browser.open(index.toUri().toString())).isEmpty();
            JsonNode overview = browser.evaluate("({tables: document.querySelectorAll('table').length,"
                    + " rows: document.querySelectorAll('table.verdicts tbody tr').length,"
                    + " regression: document.querySelector('td.v.REGRESSION') !== null, title: document.title})");
            assertThat(overview.path("tables").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(overview.path("rows").asInt()).isEqualTo(3);
            assertThat(overview.path("regression").asBoolean()).isTrue();
            browser.screenshot(Path.of("target/report-index.png"));

            assertThat(browser.open(suite.toUri().toString())).isEmpty();
            JsonNode page = browser.evaluate("({tables: document.querySelectorAll('table').length,"
                    + " svgs: document.querySelectorAll('svg').length,"
                    + " drawn: [...document.querySelectorAll('svg')].filter(s => s.getBBox().width > 100).length})");
            // 3 keys x (bars + forks) + bytes/op + percentile plot + history x 3
            assertThat(page.path("svgs").asInt()).isGreaterThanOrEqualTo(8);
            assertThat(page.path("drawn").asInt()).isEqualTo(page.path("svgs").asInt());
            assertThat(page.path("tables").asInt()).isGreaterThanOrEqualTo(1);
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
                    + " drawn: [...document.querySelectorAll('svg')].filter(s => s.getBBox().width > 100).length})");
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
            browser.screenshot(Path.of("target/report-trace.png"));
        }
        assertThat(Path.of("target/report-index.png")).isNotEmptyFile();
    }

    private static GateReport gate(Path root, String baselineMode) throws Exception {
        GateOptions o = GateOptions.defaults(root).with("warn", baselineMode, null, null, "append");
        return new GateRun(o, new PrintStream(System.out, true)).run();
    }
}
