package dev.pglab.ci.ab;

import dev.pglab.ci.Baseline;
import dev.pglab.ci.BaselineStore;
import dev.pglab.ci.BenchmarkKey;
import dev.pglab.ci.GateConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The keys the A/B timing gate runs, by module, and each key's T. Needs no earlier bench run: the sentinels are
 * named in the bench modules' poms ({@code pglab.ab.sentinels}, one key id per line) and, per machine, in the
 * {@code "sentinels"} lists of {@code ci/baselines/<fingerprint>/}; T = max(10 %, 3 x the A/A noise) recorded
 * in this fingerprint's baselines (the fingerprint the gate computes for the machine it runs on).
 */
public record SentinelSet(String fingerprintId, Map<String, List<BenchmarkKey>> byModule, Map<String, Double> thresholds) {
    public static final String POM_PROPERTY = "pglab.ab.sentinels";

    /**
     * @param regex       keeps only matching key ids (null: all); also picks keys from {@code extraKeys}
     * @param extraKeys   key ids by module that a regex may pick although no pom or baseline names them (the
     *                    current result files)
     */
    public static SentinelSet load(ReactorModules reactor, BaselineStore store, String fingerprintId, GateConfig config,
                                   String regex, Map<String, ? extends Collection<String>> extraKeys) throws IOException {
        Map<String, Set<String>> ids = new TreeMap<>();
        for (String module : reactor.modules().keySet()) {
            for (String id : reactor.lines(module, POM_PROPERTY)) {
                BenchmarkKey.parse(id); // a malformed id in a pom fails here, naming it
                ids.computeIfAbsent(module, m -> new TreeSet<>()).add(id);
            }
        }
        store.sentinels(fingerprintId).forEach((id, module) -> ids.computeIfAbsent(module, m -> new TreeSet<>()).add(id));
        Pattern p = regex == null ? null : Pattern.compile(regex);
        if (p != null) {
            extraKeys.forEach((module, keys) -> keys.forEach(id -> ids.computeIfAbsent(module, m -> new TreeSet<>()).add(id)));
        }
        Map<String, List<BenchmarkKey>> byModule = new TreeMap<>();
        ids.forEach((module, set) -> {
            List<BenchmarkKey> keys = new ArrayList<>();
            for (String id : set) {
                if (p == null || p.matcher(id).find()) {
                    keys.add(BenchmarkKey.parse(id));
                }
            }
            if (!keys.isEmpty()) {
                byModule.put(module, keys);
            }
        });
        Map<String, Double> thresholds = new TreeMap<>();
        for (String module : byModule.keySet()) {
            var file = store.fileFor(fingerprintId, module);
            if (Files.exists(file)) {
                Baseline b = BaselineStore.read(file);
                if (b.benchmarks() != null) {
                    b.benchmarks().forEach((id, e) -> thresholds.put(id, config.threshold(e.noise())));
                }
            }
        }
        return new SentinelSet(fingerprintId, byModule, thresholds);
    }

    public int size() {
        return byModule.values().stream().mapToInt(List::size).sum();
    }

    /** Only these modules' keys. */
    public SentinelSet only(Collection<String> modules) {
        Map<String, List<BenchmarkKey>> kept = new TreeMap<>(byModule);
        kept.keySet().retainAll(modules);
        return new SentinelSet(fingerprintId, kept, thresholds);
    }
}
