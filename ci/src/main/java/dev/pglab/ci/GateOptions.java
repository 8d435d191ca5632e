package dev.pglab.ci;

import dev.pglab.ci.ab.AbSettings;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How one gate run is configured. From system properties (the {@code -Pbench} wiring):
 * {@code pglab.root}, {@code pglab.gate} = fail | warn | ab | calibrate (A/A of the sentinels, noise into the
 * baselines), {@code pglab.baseline} = compare | update,
 * {@code pglab.base} (A/B base revision, default HEAD~1 or the merge-base with {@code pglab.ab.target}), {@code pglab.sentinels} (regex over key ids
 * for A/B when the baselines declare none), {@code pglab.history} = auto (a line under target/pglab/history) | append (the tracked ci/history) | off.
 */
public record GateOptions(Path root, Path resultsDir, Path gateJson, BaselineStore store, String policy,
                          String baselineMode, String baseRev, String sentinels, String history, GateConfig config,
                          AbSettings ab) {

    public static GateOptions defaults(Path root) {
        Path r = root.toAbsolutePath().normalize();
        return new GateOptions(r, r.resolve("target/pglab/results"), r.resolve("target/pglab/gate.json"),
                BaselineStore.under(r), "fail", "compare", null, null, "auto", GateConfig.standard(), AbSettings.standard());
    }

    public static GateOptions fromSystemProperties() {
        GateOptions o = defaults(Path.of(System.getProperty("pglab.root", ".")));
        String policy = System.getProperty("pglab.gate", "fail").trim().toLowerCase(Locale.ROOT);
        if (!policy.matches("fail|warn|ab|calibrate")) {
            throw new IllegalArgumentException("-Dpglab.gate=" + policy + ": expected fail, warn, ab or calibrate");
        }
        String baseline = System.getProperty("pglab.baseline", "compare").trim().toLowerCase(Locale.ROOT);
        if (!baseline.matches("compare|update")) {
            throw new IllegalArgumentException("-Dpglab.baseline=" + baseline + ": expected compare or update");
        }
        String history = System.getProperty("pglab.history", "auto").trim().toLowerCase(Locale.ROOT);
        if (!history.matches("auto|append|off")) {
            throw new IllegalArgumentException("-Dpglab.history=" + history + ": expected auto, append or off");
        }
        String base = System.getProperty("pglab.base");
        String sentinels = System.getProperty("pglab.sentinels");
        return o.with(policy, baseline, base == null || base.isBlank() ? null : base,
                sentinels == null || sentinels.isBlank() ? null : sentinels, history);
    }

    public GateOptions with(String policy, String baselineMode, String baseRev, String sentinels, String history) {
        return new GateOptions(root, resultsDir, gateJson, store, policy, baselineMode, baseRev, sentinels, history, config, ab);
    }

    public GateOptions withResults(Path dir) {
        return new GateOptions(root, dir, gateJson, store, policy, baselineMode, baseRev, sentinels, history, config, ab);
    }

    public GateOptions withGateJson(Path file) {
        return new GateOptions(root, resultsDir, file, store, policy, baselineMode, baseRev, sentinels, history, config, ab);
    }

    public GateOptions withStore(BaselineStore s) {
        return new GateOptions(root, resultsDir, gateJson, s, policy, baselineMode, baseRev, sentinels, history, config, ab);
    }

    public GateOptions withConfig(GateConfig c) {
        return new GateOptions(root, resultsDir, gateJson, store, policy, baselineMode, baseRev, sentinels, history, c, ab);
    }

    public GateOptions withAb(AbSettings s) {
        return new GateOptions(root, resultsDir, gateJson, store, policy, baselineMode, baseRev, sentinels, history, config, s);
    }
}
