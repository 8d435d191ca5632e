package dev.pglab.replay.compare;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pglab.harness.stats.Summary;
import dev.pglab.harness.text.Human;
import dev.pglab.replay.ReplayReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * A compare's result, as {@code compare.json} holds it (schema {@value #SCHEMA}). Times in milliseconds unless
 * the name says seconds. {@code fingerprints} come worst first: SLOWER, INCONCLUSIVE, FASTER, SAME, the largest
 * move first within each.
 *
 * @param errorsOneSide "SQLSTATE fingerprint" -> count, for failures seen on one side only
 * @param distributions pooled service-time percentiles (ms) of the top movers, for the page's curves
 */
@JsonPropertyOrder({"schema", "capture", "speed", "rounds", "floor", "pMax", "minCount", "stopped", "a", "b",
        "fingerprints", "errorsOneSide", "distributions"})
public record CompareReport(String schema, String capture, String speed, int rounds, double floor, double pMax,
                            int minCount, boolean stopped, SideSummary a, SideSummary b,
                            List<FingerprintComparison> fingerprints, Map<String, Long> errorsOneSide,
                            List<Distribution> distributions) {
    public static final String SCHEMA = "pglab-replay-compare/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double[] CURVE = {0, 10, 25, 50, 75, 90, 95, 99, 99.9, 100};

    /** One side over all its replays. */
    public record SideSummary(String target, Map<String, String> settings, List<Double> wallSeconds,
                              double medianWallSeconds, double latenessP50Ms, double latenessP99Ms, long statements,
                              long errors, Map<String, Long> errorsBySqlState, List<String> endReasons) {
    }

    /** Percentile -> ms points of both sides for one fingerprint. */
    public record Distribution(String fingerprint, String verdict, double[] percentiles, double[] aMs, double[] bMs) {
    }

    static CompareReport of(String capture, CompareSide a, CompareSide b, String speed, CompareSettings s,
                            List<ReplayCompare.Run> runs, boolean stopped) {
        List<ReplayCompare.Run> as = runs.stream().filter(r -> r.side().equals("A")).toList();
        List<ReplayCompare.Run> bs = runs.stream().filter(r -> r.side().equals("B")).toList();
        int rounds = Math.min(as.size(), bs.size());
        Set<String> fps = new TreeSet<>();
        runs.forEach(r -> fps.addAll(r.recorder().service.keySet()));
        List<FingerprintComparison> rows = new ArrayList<>();
        Map<String, Histogram[]> pooled = new TreeMap<>();
        for (String fp : fps) {
            double[] aP50 = new double[rounds];
            double[] bP50 = new double[rounds];
            Histogram pa = RoundRecorder.histogram();
            Histogram pb = RoundRecorder.histogram();
            long minPerRound = Long.MAX_VALUE;
            for (int i = 0; i < rounds; i++) {
                Histogram ha = as.get(i).recorder().service.get(fp);
                Histogram hb = bs.get(i).recorder().service.get(fp);
                aP50[i] = RoundRecorder.p(ha, 50);
                bP50[i] = RoundRecorder.p(hb, 50);
                minPerRound = Math.min(minPerRound, Math.min(count(ha), count(hb)));
                if (ha != null) {
                    pa.add(ha);
                }
                if (hb != null) {
                    pb.add(hb);
                }
            }
            pooled.put(fp, new Histogram[] {pa, pb});
            rows.add(FingerprintComparison.of(fp, aP50, bP50, pa.getTotalCount(), pb.getTotalCount(),
                    minPerRound == Long.MAX_VALUE ? 0 : minPerRound, pcts(pa), pcts(pb), s));
        }
        rows.sort(Comparator.comparing(FingerprintComparison::verdict)
                .thenComparing(Comparator.comparingDouble(FingerprintComparison::magnitude).reversed())
                .thenComparing(FingerprintComparison::fingerprint));
        List<Distribution> dists = rows.stream()
                .filter(r -> r.countA() > 0 && r.countB() > 0)
                .sorted(Comparator.comparingDouble(FingerprintComparison::magnitude).reversed())
                .limit(4)
                .map(r -> new Distribution(r.fingerprint(), r.verdict().name(), CURVE,
                        curve(pooled.get(r.fingerprint())[0]), curve(pooled.get(r.fingerprint())[1])))
                .toList();
        return new CompareReport(SCHEMA, capture, speed, rounds, s.floor(), s.pMax(), s.minCount(), stopped,
                side(a, as), side(b, bs), rows, oneSided(as, bs), dists);
    }

    private static long count(Histogram h) {
        return h == null ? 0 : h.getTotalCount();
    }

    private static double[] pcts(Histogram h) {
        return new double[] {RoundRecorder.p(h, 50), RoundRecorder.p(h, 95), RoundRecorder.p(h, 99)};
    }

    private static double[] curve(Histogram h) {
        double[] out = new double[CURVE.length];
        for (int i = 0; i < CURVE.length; i++) {
            out[i] = RoundRecorder.p(h, CURVE[i]);
        }
        return out;
    }

    private static SideSummary side(CompareSide side, List<ReplayCompare.Run> runs) {
        Histogram lateness = new Histogram(3);
        lateness.setAutoResize(true);
        Map<String, Long> errors = new TreeMap<>();
        long statements = 0;
        long errs = 0;
        List<Double> walls = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        for (ReplayCompare.Run r : runs) {
            ReplayReport rep = r.report();
            lateness.add(rep.histograms().lateness());
            rep.errorsBySqlState().forEach((k, v) -> errors.merge(k, v, Long::sum));
            statements += rep.statements() + rep.executes();
            errs += rep.errors();
            walls.add(rep.wallSeconds());
            ends.add(rep.endReason());
        }
        double medianWall = walls.isEmpty() ? Double.NaN : Summary.median(walls.stream().mapToDouble(Double::doubleValue).toArray());
        // lateness histograms are in nanoseconds
        double p50 = lateness.getTotalCount() == 0 ? 0 : lateness.getValueAtPercentile(50) / 1e6;
        double p99 = lateness.getTotalCount() == 0 ? 0 : lateness.getValueAtPercentile(99) / 1e6;
        return new SideSummary(side.target().describe(), side.applied(), walls, medianWall, p50, p99, statements, errs,
                errors, ends);
    }

    private static Map<String, Long> oneSided(List<ReplayCompare.Run> as, List<ReplayCompare.Run> bs) {
        Map<String, Long> a = errorCounts(as);
        Map<String, Long> b = errorCounts(bs);
        Map<String, Long> out = new TreeMap<>();
        a.forEach((k, v) -> {
            if (!b.containsKey(k)) {
                out.put("A only: " + k, v);
            }
        });
        b.forEach((k, v) -> {
            if (!a.containsKey(k)) {
                out.put("B only: " + k, v);
            }
        });
        return out;
    }

    private static Map<String, Long> errorCounts(List<ReplayCompare.Run> runs) {
        Map<String, Long> m = new TreeMap<>();
        runs.forEach(r -> r.recorder().errors.forEach((k, v) -> m.merge(k, v.sum(), Long::sum)));
        return m;
    }

    public List<FingerprintComparison> slower() {
        return fingerprints.stream().filter(f -> f.verdict() == CompareVerdict.SLOWER).toList();
    }

    /** Some replay did not complete, or an error appeared on one side only. */
    public boolean partial() {
        return stopped || !errorsOneSide.isEmpty()
                || a.endReasons().stream().anyMatch(e -> !e.equals("completed"))
                || b.endReasons().stream().anyMatch(e -> !e.equals("completed"));
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("compare.json").toFile(), this);
    }

    public String json() throws IOException {
        return JSON.writeValueAsString(this);
    }

    /** The console table, worst first, and the overall lines. */
    public String table() {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        out.printf(Locale.ROOT, "A: %s %s%nB: %s %s%n", a.target(), a.settings(), b.target(), b.settings());
        out.printf(Locale.ROOT, "%d rounds (A B, B A, ...) at speed %s; floor %s, p < %s, at least %d executions per replay%n%n",
                rounds, speed, Human.percent(1 + floor), Human.num(pMax), minCount);
        out.printf(Locale.ROOT, "%-12s %-9s %-17s %9s %9s %9s %9s %8s  %s%n", "verdict", "B/A p50", "interval", "A p50",
                "B p50", "A p99", "B p99", "count", "fingerprint");
        for (FingerprintComparison f : fingerprints) {
            out.printf(Locale.ROOT, "%-12s %-9s %-17s %9s %9s %9s %9s %8s  %s%n", f.verdict(),
                    Double.isFinite(f.medianRatio()) ? "x" + String.format(Locale.ROOT, "%.3f", f.medianRatio()) : "-",
                    Double.isFinite(f.low()) ? String.format(Locale.ROOT, "[%.3f, %.3f]", f.low(), f.high()) : "",
                    Human.millis(f.aP50Ms()), Human.millis(f.bP50Ms()), Human.millis(f.aP99Ms()), Human.millis(f.bP99Ms()),
                    Human.num(f.countA()) + "/" + Human.num(f.countB()), shorten(f.fingerprint()));
        }
        out.println();
        for (SideSummary s : List.of(a, b)) {
            String name = s == a ? "A" : "B";
            out.printf(Locale.ROOT, "%s: replay wall median %s, lateness p50 %s p99 %s, %s statements, %s errors %s%n",
                    name, Human.millis(1000 * s.medianWallSeconds()), Human.millis(s.latenessP50Ms()),
                    Human.millis(s.latenessP99Ms()), Human.num(s.statements()), Human.num(s.errors()), s.errorsBySqlState());
        }
        if (!errorsOneSide.isEmpty()) {
            out.println("errors on one side only:");
            errorsOneSide.forEach((k, v) -> out.printf(Locale.ROOT, "  %s (%d)%n", shorten(k), v));
        }
        long slower = fingerprints.stream().filter(f -> f.verdict() == CompareVerdict.SLOWER).count();
        out.printf(Locale.ROOT, "%d fingerprints: %d SLOWER, %d FASTER, %d SAME, %d INCONCLUSIVE%n", fingerprints.size(),
                slower, count(CompareVerdict.FASTER), count(CompareVerdict.SAME), count(CompareVerdict.INCONCLUSIVE));
        out.flush();
        return sw.toString();
    }

    private long count(CompareVerdict v) {
        return fingerprints.stream().filter(f -> f.verdict() == v).count();
    }

    private static String shorten(String s) {
        return s.length() > 90 ? s.substring(0, 87) + "..." : s;
    }

}
