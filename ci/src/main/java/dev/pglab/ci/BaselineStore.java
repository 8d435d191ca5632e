package dev.pglab.ci;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The committed baselines under {@code ci/baselines/<fingerprintId>/<module>.json}. */
public final class BaselineStore {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Path dir;

    public BaselineStore(Path dir) {
        this.dir = dir;
    }

    /** {@code <root>/ci/baselines}. */
    public static BaselineStore under(Path root) {
        return new BaselineStore(root.resolve("ci").resolve("baselines"));
    }

    public Path dir() {
        return dir;
    }

    public Path fileFor(String fingerprintId, String module) {
        return dir.resolve(fingerprintId).resolve(module + ".json");
    }

    /** The baseline a run is judged against, and whether it was measured on the same fingerprint. */
    public record Located(Baseline baseline, Path file, boolean sameFingerprint, boolean sameJvm) {
    }

    /**
     * The baseline for this run's fingerprint; failing that, one from another fingerprint (preferring the same
     * JDK major and benchmark JVM flags, under which bytes/op and counters still compare).
     */
    public Optional<Located> find(RunResults run) throws IOException {
        Path own = fileFor(run.fingerprintId(), run.module());
        if (Files.exists(own)) {
            return Optional.of(new Located(read(own), own, true, true));
        }
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Located fallback = null;
        try (Stream<Path> fps = Files.list(dir)) {
            for (Path fp : fps.sorted().toList()) {
                Path f = fp.resolve(run.module() + ".json");
                if (Files.exists(f)) {
                    Baseline b = read(f);
                    boolean sameJvm = b.fingerprint() != null
                            && b.fingerprint().path("javaMajor").asInt(-2) == run.javaMajor()
                            && run.benchmarkJvmArgs().equals(b.benchmarkJvmArgs());
                    if (fallback == null || (sameJvm && !fallback.sameJvm())) {
                        fallback = new Located(b, f, false, sameJvm);
                    }
                }
            }
        }
        return Optional.ofNullable(fallback);
    }

    public static Baseline read(Path file) throws IOException {
        try {
            Baseline b = JSON.readValue(file.toFile(), Baseline.class);
            if (!Baseline.SCHEMA.equals(b.schema())) {
                throw new IOException(file + ": not a pglab baseline (expected \"schema\": \"" + Baseline.SCHEMA + "\")");
            }
            if (b.benchmarks() == null) {
                // without it every key would read as NEW and the gate would pass on nothing
                throw new IOException(file + ": a pglab baseline without \"benchmarks\" (expected an object of keys)");
            }
            for (var e : b.benchmarks().entrySet()) {
                String where = file + ": benchmarks[\"" + e.getKey() + "\"]";
                String bad = invalid(e.getKey(), e.getValue());
                if (bad != null) {
                    throw new IOException(where + bad);
                }
            }
            return b;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": malformed baseline" + ResultReader.where(e) + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * What is wrong with one baseline entry (the gate compares these numbers: a hole or a NaN would pass every rule
     * silently or fail deep inside the statistics), or null.
     */
    private static String invalid(String key, Baseline.Entry e) {
        try {
            BenchmarkKey.parse(key);
        } catch (IllegalArgumentException notAKey) {
            return ": the key is not bench|k=v,...|mode";
        }
        if (e == null || e.raw() == null || e.raw().length == 0) {
            return " has no \"raw\" (expected [fork][iteration] numbers)";
        }
        for (int f = 0; f < e.raw().length; f++) {
            String row = finite(e.raw()[f]);
            if (row != null || e.raw()[f].length == 0) {
                return ".raw[" + f + "] " + (row != null ? row : "is empty") + " where iterations' numbers were expected";
            }
        }
        if (e.allocForks() != null && finite(e.allocForks()) != null) {
            return ".allocForks " + finite(e.allocForks()) + " where finite bytes/op were expected";
        }
        if (e.counters() != null) {
            for (var c : e.counters().entrySet()) {
                if (finite(c.getValue()) != null || c.getValue().length == 0) {
                    return ".counters[\"" + c.getKey() + "\"] " + (c.getValue() == null || c.getValue().length == 0
                            ? "is empty" : finite(c.getValue())) + " where finite counts per op were expected";
                }
            }
        }
        return null;
    }

    private static String finite(double[] values) {
        if (values == null) {
            return "is missing";
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return "holds " + v;
            }
        }
        return null;
    }

    /**
     * Writes this run as the baseline of its fingerprint, keeping the hand-edited parts (declared expectations,
     * sentinels, calibrated noise) of the file it replaces. Keys this run did not measure stay when the old file
     * was measured at the same budget, so a long baseline can be measured in parts ({@code -Dpglab.include});
     * a key that no longer exists is then reported MISSING by the gate until someone deletes its entry.
     */
    public Path update(RunResults run) throws IOException {
        Path file = fileFor(run.fingerprintId(), run.module());
        Baseline old = Files.exists(file) ? read(file) : null;
        Map<String, Baseline.Entry> entries = new TreeMap<>();
        if (old != null && old.benchmarks() != null && old.source() != null
                && run.budget().equals(old.source().budget())) {
            entries.putAll(old.benchmarks());
        }
        for (KeyResult k : run.keys()) {
            Baseline.Entry previous = old == null || old.benchmarks() == null ? null : old.benchmarks().get(k.key().id());
            double maxLoad = k.loads().stream().mapToDouble(KeyResult.ForkLoadReading::maxLoadPerCore)
                    .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            entries.put(k.key().id(), new Baseline.Entry(k.unit(), k.raw(), k.allocForks(), new TreeMap<>(k.counters()),
                    previous == null ? null : previous.noise(), maxLoad, run.gitCommit()));
        }
        Baseline b = new Baseline(Baseline.SCHEMA, run.module(), run.fingerprintId(), run.fingerprint(),
                run.benchmarkJvmArgs(),
                new Baseline.Source(run.gitCommit(), run.budget(), run.finishedAt(), Instant.now().toString()),
                old == null || old.sentinels() == null ? List.of() : old.sentinels(),
                old == null || old.expected() == null ? Map.of() : new TreeMap<>(old.expected()), entries);
        write(file, b);
        return file;
    }

    public static void write(Path file, Baseline b) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), b);
    }

    /** Every sentinel key declared in the baselines of this fingerprint, with its module. */
    public Map<String, String> sentinels(String fingerprintId) throws IOException {
        Map<String, String> all = new TreeMap<>();
        Path fp = dir.resolve(fingerprintId);
        if (Files.isDirectory(fp)) {
            try (Stream<Path> files = Files.list(fp)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    Baseline b = read(f);
                    if (b.sentinels() != null) {
                        b.sentinels().forEach(k -> all.put(k, b.module()));
                    }
                }
            }
        }
        return all;
    }
}
