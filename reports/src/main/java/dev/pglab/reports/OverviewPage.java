package dev.pglab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pglab.ci.GateReport;
import dev.pglab.harness.result.KeyResult;
import dev.pglab.harness.result.LabLayout;
import dev.pglab.harness.result.RunResults;
import dev.pglab.harness.text.Human;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** {@code index.html}: the change chart first, then the gate's rules, suites, replays, traces, environment. */
final class OverviewPage {
    private OverviewPage() {
    }

    static String render(ReportModel m, Path outDir, boolean hasLatencyPage) {
        StringBuilder b = new StringBuilder(Report.header("pglab report"));
        b.append("<main>");
        GateReport gate = m.gate();
        b.append("<p class=\"summary\">").append(summary(gate)).append(" &middot; commit <code>")
                .append(Html.esc(SuiteCharts.shortCommit(gate.gitCommit()))).append("</code> &middot; gate policy <code>")
                .append(Html.esc(gate.policy())).append("</code>, baseline mode <code>").append(Html.esc(gate.baselineMode()))
                .append("</code></p>");
        b.append("<h2 id=\"changes\">What changed</h2>");
        b.append(ChangeChart.render(m.changes(), true));
        gate.notes().forEach(n -> b.append("<p><em>").append(Html.esc(n)).append("</em></p>"));
        b.append("<details class=\"rules\"><summary>the gate's rules</summary><ul>");
        m.rules().forEach(r -> b.append("<li>").append(Html.esc(r)).append("</li>"));
        b.append("</ul></details>");

        b.append("<h2>Suites</h2><ul>");
        for (ReportModel.Suite s : m.suites()) {
            b.append("<li><a href=\"").append(Report.page(s.module())).append("\">").append(Html.esc(s.module()))
                    .append("</a> &mdash; ").append(s.run().keys().size()).append(" keys, budget ")
                    .append(Html.esc(s.run().budget())).append("</li>");
        }
        if (m.suites().isEmpty()) {
            b.append("<li>no result files under target/pglab/results: run <code>./mvnw verify -Pbench</code></li>");
        }
        if (hasLatencyPage) {
            b.append("<li><a href=\"latency.html\">latency distributions (.hgrm)</a></li>");
        }
        b.append("</ul>");
        if (!m.replays().isEmpty()) {
            b.append("<h2>Replays</h2><ul class=\"replays\">");
            for (Path r : m.replays()) {
                b.append("<li><a href=\"").append(Html.esc(outDir.relativize(r.resolve("index.html")).toString()))
                        .append("\">").append(Html.esc(LabLayout.of(m.root()).pglab().relativize(r).toString()))
                        .append("</a></li>");
            }
            for (int i = 0; i < m.replayComparisons().size(); i++) {
                b.append("<li><a class=\"compare\" href=\"").append(Report.comparePage(i)).append("\">compared on shared axes: ")
                        .append(Html.esc(String.join(" vs ", m.replayComparisons().get(i).stream()
                                .map(p -> p.getFileName().toString()).toList()))).append("</a></li>");
            }
            b.append("</ul>");
        }
        m.replaysSkipped().forEach(s -> b.append("<p class=\"skipped\"><em>replay skipped: ").append(Html.esc(s))
                .append("</em></p>"));
        b.append(Report.traceLinks(m.traces().found()));
        m.traces().skipped().forEach(s -> b.append("<p class=\"skipped\"><em>trace profile skipped: ").append(Html.esc(s))
                .append("</em></p>"));
        b.append(environment(m.suites().stream().map(ReportModel.Suite::run).toList()));
        b.append(Report.flameLinks(m.flames(), m.root(), outDir));
        b.append("<p><small>written ").append(Instant.now()).append(" by pglab reports</small></p></main>");
        return b.toString();
    }

    static String summary(GateReport gate) {
        StringBuilder s = new StringBuilder();
        gate.counts().forEach((v, n) -> {
            if (n > 0) {
                s.append(s.isEmpty() ? "" : " ").append("<span class=\"v ").append(v.label()).append("\">").append(n)
                        .append(' ').append(v.label()).append("</span>");
            }
        });
        return s.isEmpty() ? "no keys" : s.toString();
    }

    private static String environment(List<RunResults> runs) {
        if (runs.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>Environment</h2><dl class=\"env\">");
        RunResults r = runs.getFirst();
        JsonNode fp = r.fingerprint();
        env(b, "fingerprint", r.fingerprintId());
        env(b, "CPU", fp.path("cpuModel").asText() + " (" + fp.path("cores").asInt() + " cores)");
        env(b, "memory", Human.bytes(fp.path("memoryBytes").asDouble()));
        env(b, "OS", fp.path("kernel").asText() + " " + fp.path("arch").asText());
        env(b, "JDK", fp.path("jdkVendor").asText() + " " + fp.path("jdkVersion").asText());
        env(b, "JMH", fp.path("jmhVersion").asText());
        env(b, "benchmark JVM flags", String.join(" ", r.benchmarkJvmArgs()));
        env(b, "git commit", r.gitCommit());
        for (RunResults run : runs) {
            double load = run.keys().stream().flatMap(k -> k.loads().stream())
                    .mapToDouble(KeyResult.ForkLoadReading::maxLoadPerCore).filter(Double::isFinite).max().orElse(Double.NaN);
            double steal = run.keys().stream().flatMap(k -> k.loads().stream())
                    .mapToDouble(KeyResult.ForkLoadReading::steal).max().orElse(Double.NaN);
            env(b, run.module(), "budget " + run.budget() + ", " + run.startedAt() + " .. " + run.finishedAt()
                    + ", max load per core " + Human.num(load) + ", max steal " + Human.num(100 * steal) + " %"
                    + postgres(run));
        }
        return b.append("</dl>").toString();
    }

    private static String postgres(RunResults run) {
        JsonNode pg = run.envelope().path("postgres");
        if (!pg.isArray() || pg.isEmpty()) {
            return "";
        }
        JsonNode first = pg.get(0);
        String v = first.path("version").asText(first.path("server_version").asText(""));
        return v.isEmpty() ? "" : ", PostgreSQL " + v;
    }

    private static void env(StringBuilder b, String k, String v) {
        b.append("<dt>").append(Html.esc(k)).append("</dt><dd><code>").append(Html.esc(v)).append("</code></dd>");
    }
}
