package dev.pglab.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pglab.harness.measure.LatencyRecorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a replay's report into a directory: replay.json, one .hgrm per distribution, and summary.txt. */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static void write(ReplayReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("replay.json").toFile(), report);
        ReplayReport.Histograms h = report.histograms();
        LatencyRecorder.writeHgrm(h.lateness(), dir.resolve("lateness.hgrm"));
        LatencyRecorder.writeHgrm(h.response(), dir.resolve("response.hgrm"));
        LatencyRecorder.writeHgrm(h.service(), dir.resolve("service.hgrm"));
        LatencyRecorder.writeHgrm(h.connect(), dir.resolve("connect.hgrm"));
        Files.writeString(dir.resolve("summary.txt"), summary(report));
    }

    public static String json(ReplayReport report) throws IOException {
        return JSON.writeValueAsString(report);
    }

    /** The readable summary: what ran, how late, what failed, the slowest fingerprints. */
    public static String summary(ReplayReport r) {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        out.printf(Locale.ROOT, "pglab replay of %s%n", r.source());
        out.printf(Locale.ROOT, "  target %s, mode %s, speed %s, ended: %s%s%n", r.target(), r.mode(), r.speed(),
                r.endReason(), r.sourceError() == null ? "" : " (" + r.sourceError() + ")");
        out.printf(Locale.ROOT, "  capture %.3f s (%.3f s idle skipped), replay wall %.3f s%n",
                r.capturedSeconds(), r.skippedIdleSeconds(), r.wallSeconds());
        if (r.inputMalformed() > 0) {
            out.printf(Locale.ROOT, "  %d malformed log entries were skipped (pglab parse lists them with file:line)%n", r.inputMalformed());
        }
        out.printf(Locale.ROOT, "  %d statements, %d executes, %d rows; %d errors (%d also failed in the capture)%n",
                r.statements(), r.executes(), r.rows(), r.errors(), r.errorsAlsoInCapture());
        if (!r.errorsBySqlState().isEmpty()) {
            out.printf(Locale.ROOT, "  errors by SQLSTATE: %s%n", r.errorsBySqlState());
        }
        if (r.clientCpuSeconds() >= 0) {
            out.printf(Locale.ROOT, "  client CPU %.3f s, %.1f ms per 1,000 statements and executes%n",
                    r.clientCpuSeconds(), r.clientCpuMsPer1k());
        }
        out.printf(Locale.ROOT, "  %d sessions, %d connects, %d refused%s, %d lost, %d items skipped, %d unsupported%n",
                r.sessionCount(), r.connects(), r.connectionsRefused(),
                r.refusedBySqlState().isEmpty() ? "" : " " + r.refusedBySqlState(), r.sessionsLost(), r.skipped(),
                r.unsupported());
        out.printf(Locale.ROOT, "%n  %-10s %10s %10s %10s %10s %10s %10s%n", "ms", "count", "p50", "p90", "p99", "p99.9", "max");
        line(out, "lateness", r.lateness());
        line(out, "response", r.response());
        line(out, "service", r.service());
        line(out, "connect", r.connect());
        if (!r.slowdown().isEmpty()) {
            out.printf(Locale.ROOT, "%n  slowdown against the capture (mean service ms, replay / capture):%n");
            out.printf(Locale.ROOT, "  %8s %8s %10s %10s  %s%n", "ratio", "count", "captured", "replayed", "fingerprint");
            r.slowdown().stream().limit(20).forEach(s -> out.printf(Locale.ROOT, "  %8.2f %8d %10.3f %10.3f  %s%n",
                    s.ratio(), s.count(), s.capturedMeanMs(), s.replayMeanMs(), shorten(s.fingerprint())));
        }
        if (!r.fingerprints().isEmpty()) {
            out.printf(Locale.ROOT, "%n  fingerprints by total service time:%n");
            out.printf(Locale.ROOT, "  %9s %8s %6s %9s %9s  %s%n", "total s", "count", "errors", "svc p50", "svc p99", "fingerprint");
            r.fingerprints().stream().limit(20).forEach(f -> out.printf(Locale.ROOT, "  %9.3f %8d %6d %9.3f %9.3f  %s%n",
                    f.serviceTotalSeconds(), f.count(), f.errors(), f.serviceP50Ms(), f.serviceP99Ms(),
                    shorten(f.fingerprint())));
        }
        out.flush();
        return sw.toString();
    }

    private static void line(PrintWriter out, String name, ReplayReport.Percentiles p) {
        out.printf(Locale.ROOT, "  %-10s %10d %10.3f %10.3f %10.3f %10.3f %10.3f%n", name, p.count(), p.p50Ms(),
                p.p90Ms(), p.p99Ms(), p.p999Ms(), p.maxMs());
    }

    private static String shorten(String s) {
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }
}
