package dev.pglab.replay;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * What a replay did, as {@code replay.json} holds it. Times in milliseconds unless the name says seconds.
 *
 * @param endReason       completed, stopped (Ctrl-C), server gone, or source error
 * @param capturedSeconds capture time from the first to the last item replayed
 * @param skippedIdleSeconds capture time jumped over by max-idle
 * @param inputMalformed  log entries the parser skipped or read with a problem (0 for other inputs)
 * @param dryRunItems     items a dry run handed to its sink instead of a server
 * @param wallSeconds     replay start to the last session closed
 * @param lateness        start - due of every statement and execute
 * @param response        end - due (what a user on the captured schedule would have waited)
 * @param service         end - start (what the target took)
 * @param fingerprints    the fingerprints with the most total service time, at most 50
 * @param slowdown        fingerprints with captured durations, ranked by replay / capture mean time
 * @param clientCpuSeconds CPU time of the replaying JVM from the clock's start (after the warm-up) to the last
 *                        session closed: reader, sessions, PgJDBC, metrics, JIT and GC threads (-1 when unknown)
 * @param clientCpuMsPer1k the same per 1,000 statements and executes run, to compare with the client CPU of the
 *                        tool that made the capture (pgbench used 14-15 ms per 1,000 on the captures of issue 15);
 *                        0 when nothing ran
 */
@JsonPropertyOrder({"mode", "speed", "source", "target", "endReason", "sourceError", "statements", "executes",
        "errors", "errorsAlsoInCapture", "errorsBySqlState", "rows", "sessionCount", "connects", "connectionsRefused",
        "refusedBySqlState", "sessionsLost", "disconnects", "skipped", "unsupported", "outOfWindow", "itemsRead", "inputMalformed", "dryRunItems",
        "capturedSeconds", "skippedIdleSeconds", "wallSeconds", "lateness", "response", "service", "connect",
        "fingerprints", "slowdown", "sessions", "clientCpuSeconds", "clientCpuMsPer1k"})
public record ReplayReport(String mode, String speed, String source, String target, String endReason,
                           String sourceError, long statements, long executes, long errors, long errorsAlsoInCapture,
                           Map<String, Long> errorsBySqlState, long rows, int sessionCount, long connects,
                           long connectionsRefused, Map<String, Long> refusedBySqlState, long sessionsLost,
                           long disconnects, long skipped, long unsupported, long outOfWindow, long itemsRead, long inputMalformed, long dryRunItems,
                           double capturedSeconds, double skippedIdleSeconds, double wallSeconds,
                           Percentiles lateness, Percentiles response, Percentiles service, Percentiles connect,
                           List<FingerprintRow> fingerprints, List<SlowdownRow> slowdown,
                           List<SessionSummary> sessions, double clientCpuSeconds, double clientCpuMsPer1k,
                           @JsonIgnore Histograms histograms) {

    /** Latency percentiles in milliseconds. */
    public record Percentiles(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs) {
        static Percentiles of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Percentiles(0, 0, 0, 0, 0, 0);
            }
            return new Percentiles(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
        }

        private static double ms(long nanos) {
            return Math.round(nanos / 1e3) / 1e3;
        }
    }

    /** One fingerprint's replay: count, errors, lateness p99, response and service percentiles (ms), total service seconds. */
    public record FingerprintRow(String fingerprint, long count, long errors, double latenessP99Ms, double responseP50Ms,
                                 double responseP99Ms, double serviceP50Ms, double serviceP99Ms,
                                 double serviceTotalSeconds) {
    }

    /** Replay mean service time against the capture's mean duration, over the items that had one. */
    public record SlowdownRow(String fingerprint, long count, double capturedMeanMs, double replayMeanMs,
                              double ratio) {
    }

    /** The full distributions (nanoseconds), for .hgrm files. */
    public record Histograms(Histogram lateness, Histogram response, Histogram service, Histogram connect) {
    }

    static ReplayReport of(Replay replay, String endReason, String sourceError, ReplaySchedule schedule, long wallNanos,
                          long inputMalformed) {
        ReplayMetrics m = replay.metrics;
        Histograms h = new Histograms(m.latenessSnapshot(), m.responseSnapshot(), m.serviceSnapshot(),
                m.connectTime.snapshot());
        List<FingerprintRow> fps = m.withFingerprints(all -> all.stream()
                .map(ReplayReport::row)
                .sorted(Comparator.comparingDouble(FingerprintRow::serviceTotalSeconds).reversed())
                .limit(50)
                .toList());
        List<SlowdownRow> slow = m.withFingerprints(all -> all.stream()
                .filter(f -> f.withCaptured > 0 && f.capturedMicrosTotal > 0)
                .map(f -> {
                    long n = f.withCaptured;
                    double cap = f.capturedMicrosTotal / 1000.0 / n;
                    double rep = f.replayedMicrosTotal / 1000.0 / n;
                    return new SlowdownRow(f.fingerprint, n, round3(cap), round3(rep), round3(rep / cap));
                })
                .sorted(Comparator.comparingDouble(SlowdownRow::ratio).reversed())
                .limit(50)
                .toList());
        List<SessionSummary> sessions = m.sessions.stream()
                .sorted(Comparator.comparing(SessionSummary::id))
                .toList();
        return new ReplayReport(replay.config.mode().name().toLowerCase(java.util.Locale.ROOT),
                replay.config.speed().toString(), replay.sourceDescription(), replay.target.describe(), endReason,
                sourceError, m.statements.sum(), m.executes.sum(), m.errors.sum(), m.errorsAlsoInCapture.sum(),
                sums(m.errorsBySqlState), m.rows.sum(), m.sessionsStarted.get(), m.connects.sum(), m.refused.sum(),
                sums(m.refusedBySqlState), m.sessionsLost.sum(), m.disconnects.sum(), m.skipped.sum(),
                m.unsupported.sum(), m.outOfWindow.sum(), m.itemsRead.sum(), inputMalformed, m.dispatched.sum(),
                schedule.capturedMicros() / 1e6, schedule.skippedMicros() / 1e6, wallNanos / 1e9,
                Percentiles.of(h.lateness()), Percentiles.of(h.response()), Percentiles.of(h.service()),
                Percentiles.of(h.connect()), fps, slow, sessions, cpuSeconds(replay), cpuMsPer1k(replay), h);
    }

    private static double cpuSeconds(Replay replay) {
        long cpu = replay.clientCpuNanos();
        return cpu < 0 ? -1 : round3(cpu / 1e9);
    }

    /** Client CPU per 1,000 executions, ms; 0 when nothing ran or the CPU time is unknown. */
    static double cpuMsPer1k(Replay replay) {
        long cpu = replay.clientCpuNanos();
        long n = replay.metrics.executed();
        return cpu < 0 || n == 0 ? 0 : round3(cpu / 1e6 / (n / 1000.0));
    }

    private static FingerprintRow row(FingerprintStats f) {
        return new FingerprintRow(f.fingerprint, f.count, f.errors, FingerprintStats.millis(f.latenessMicros, 99),
                FingerprintStats.millis(f.responseMicros, 50), FingerprintStats.millis(f.responseMicros, 99),
                FingerprintStats.millis(f.serviceMicros, 50), FingerprintStats.millis(f.serviceMicros, 99),
                round3(f.serviceMicros.getMean() * f.serviceMicros.getTotalCount() / 1e6));
    }

    private static Map<String, Long> sums(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
