package dev.pglab.reports;

import dev.pglab.harness.result.LabLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the lab's self-contained HTML report from a {@link ReportModel}: {@code index.html} (the change chart
 * first), a page per suite, a page per session trace, a page per replay that left a {@code timeline.json}, and
 * {@code latency.html} for histograms no suite claims. Charts are inline SVG; nothing is loaded from the network.
 */
public final class Report {
    private final Path root;
    private final Path outDir;

    public Report(Path root, Path outDir) {
        this.root = root.toAbsolutePath().normalize();
        this.outDir = outDir.toAbsolutePath().normalize();
    }

    /** {@code <root>/target/pglab/report}. */
    public static Path defaultDir(Path root) {
        return LabLayout.of(root).report();
    }

    /** Writes every page; returns index.html. */
    public Path write() throws IOException {
        ReportModel m = ReportModel.build(root);
        Svg svg = new Svg();
        Files.createDirectories(outDir);
        for (TracePage.Found t : m.traces().found()) {
            Files.writeString(outDir.resolve(t.page()), Html.page("pglab trace " + t.name(),
                    header("Session trace " + t.name()) + TracePage.body(t.profile(), svg,
                            TracePage.sessionFiles(t.file().getParent(), outDir))));
        }
        for (Path replay : m.replays()) {
            ReplayPage.write(List.of(replay), replay.resolve("index.html"));
        }
        for (int i = 0; i < m.replayComparisons().size(); i++) {
            ReplayPage.write(m.replayComparisons().get(i), outDir.resolve(comparePage(i)));
        }
        boolean latency = !m.orphanHgrms().isEmpty();
        if (latency) {
            Files.writeString(outDir.resolve("latency.html"), Html.page("pglab latency",
                    header("Latency distributions") + "<main>" + percentiles(m.orphanHgrms(), root, svg) + "</main>"));
        }
        Path index = outDir.resolve("index.html");
        Files.writeString(index, Html.page("pglab report", OverviewPage.render(m, outDir, latency)));
        for (ReportModel.Suite s : m.suites()) {
            Files.writeString(outDir.resolve(page(s.module())), Html.page("pglab " + s.module(),
                    SuitePage.render(m, s, svg, outDir)));
        }
        return index;
    }

    static String page(String module) {
        return "suite-" + module.replaceAll("[^A-Za-z0-9_.-]", "_") + ".html";
    }

    static String comparePage(int i) {
        return "replays-compared-" + (i + 1) + ".html";
    }

    static String header(String title) {
        return "<header><h1>" + Html.esc(title) + "</h1><nav><a href=\"index.html\">overview</a></nav></header>";
    }

    /** Session traces a bench run left under target/pglab/traces (each with its trace-profile.json). */
    static String traceLinks(List<TracePage.Found> traces) {
        if (traces.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>Session traces</h2><ul class=\"traces\">");
        for (TracePage.Found t : traces) {
            b.append("<li><a href=\"").append(Html.esc(t.page())).append("\">").append(Html.esc(t.name())).append("</a> &mdash; ")
                    .append(Html.esc(TracePage.summary(t)));
            if (!t.profile().path("description").asText("").isEmpty()) {
                b.append("<br><small>").append(Html.esc(t.profile().path("description").asText())).append("</small>");
            }
            b.append("</li>");
        }
        return b.append("</ul>").toString();
    }

    static String flameLinks(List<Path> flames, Path root, Path outDir) {
        if (flames.isEmpty()) {
            return "<h2>Flame graphs</h2><p>none: run with <code>-Dpglab.profile=async</code> to add them.</p>";
        }
        StringBuilder b = new StringBuilder("<h2>Flame graphs</h2><ul>");
        for (Path f : flames) {
            b.append("<li><a href=\"").append(Html.esc(outDir.relativize(f).toString())).append("\">")
                    .append(Html.esc(LabLayout.of(root).profiles().relativize(f).toString())).append("</a></li>");
        }
        return b.append("</ul>").toString();
    }

    static String percentiles(List<Path> hgrms, Path root, Svg svg) throws IOException {
        StringBuilder b = new StringBuilder("<h2>Latency percentiles (HdrHistogram)</h2><div class=\"cards\">");
        for (Path h : hgrms) {
            Hgrm g = Hgrm.read(h);
            if (g.points().isEmpty()) {
                continue;
            }
            String name = h.getFileName().toString();
            b.append("<div class=\"card\"><h3>").append(Html.esc(root.relativize(h).toString())).append("</h3>");
            b.append(svg.render(Charts.percentiles(name, "value (as written, usually ms)", Map.of(name, g.points())), 560, 320));
            b.append("<p><small>").append(Html.esc(g.footer())).append("</small></p></div>");
        }
        return b.append("</div>").toString();
    }
}
