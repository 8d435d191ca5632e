package dev.pglab.ci;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.pglab.harness.text.Human;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the gate decided: {@code target/pglab/gate.json} and the console table. {@code policy} is
 * {@code fail} (a REGRESSION fails the build), {@code warn} (report only) or {@code ab}.
 */
public record GateReport(String schema, String createdAt, String gitCommit, String fingerprintId, String policy,
                         String baselineMode, Map<Verdict, Integer> counts, List<KeyVerdict> verdicts,
                         List<String> notes) {
    public static final String SCHEMA = "pglab-gate/1";

    public static GateReport of(String createdAt, String commit, String fingerprintId, String policy, String baselineMode,
                                List<KeyVerdict> verdicts, List<String> notes) {
        List<KeyVerdict> sorted = verdicts.stream().sorted(ORDER).toList();
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, (int) sorted.stream().filter(k -> k.verdict() == v).count());
        }
        return new GateReport(SCHEMA, createdAt, commit, fingerprintId, policy, baselineMode, counts, sorted, notes);
    }

    /** By verdict (what needs attention first), then by size of change, largest first. */
    public static final Comparator<KeyVerdict> ORDER = Comparator.comparing(KeyVerdict::verdict)
            .thenComparing(Comparator.comparingDouble(KeyVerdict::changeMagnitude).reversed())
            .thenComparing(KeyVerdict::key);

    @JsonIgnore
    public int regressions() {
        return counts.getOrDefault(Verdict.REGRESSION, 0);
    }

    /** 1 when a regression must fail the build, else 0. */
    public int exitCode() {
        return regressions() > 0 && !"warn".equals(policy) && !"calibrate".equals(policy) && !"update".equals(baselineMode) ? 1 : 0;
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BaselineStore.JSON.writeValue(file.toFile(), this);
    }

    public static GateReport read(Path file) throws IOException {
        try {
            return BaselineStore.JSON.readValue(file.toFile(), GateReport.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": malformed gate report" + ResultReader.where(e) + ": " + e.getOriginalMessage(), e);
        }
    }

    public void printTable(PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "pglab gate (%s, baseline %s) on %s:%n", policy, baselineMode, fingerprintId);
        // the key column is as wide as the longest key: a key is never cut, so two keys never look alike
        int keyWidth = Math.max(3, verdicts.stream().mapToInt(k -> k.name().length()).max().orElse(3));
        String row = "%-14s %-14s %-" + keyWidth + "s %-30s %-24s %s%n";
        out.printf(Locale.ROOT, row, "VERDICT", "MODULE", "KEY", "TIME (x, interval)", "BYTES/OP", "WHY");
        for (KeyVerdict k : verdicts) {
            out.printf(Locale.ROOT, row, k.verdict().label(), k.module(), k.name(), timing(k), alloc(k),
                    k.reasons().isEmpty() ? "" : String.join("; ", k.reasons()));
        }
        StringBuilder summary = new StringBuilder();
        counts.forEach((v, n) -> {
            if (n > 0) {
                summary.append(summary.isEmpty() ? "" : ", ").append(n).append(' ').append(v.label());
            }
        });
        out.println("pglab gate: " + (summary.isEmpty() ? "no results" : summary));
        notes.forEach(n -> out.println("pglab gate: " + n));
    }

    private static String timing(KeyVerdict k) {
        if (k.ab() != null) {
            return "A/B x" + Human.num(k.ab().medianRatio()) + " p=" + Human.num(k.ab().pValue());
        }
        var t = k.timing();
        if (t == null) {
            return "";
        }
        if (Double.isNaN(t.low())) {
            return "x" + Human.num(t.ratio());
        }
        return "x" + Human.num(t.ratio()) + " [" + Human.num(t.low()) + ", " + Human.num(t.high()) + "]";
    }

    private static String alloc(KeyVerdict k) {
        var a = k.alloc();
        return a == null ? "" : Human.bytes(a.baseline()) + " -> " + Human.bytes(a.current());
    }
}
