package dev.pglab.harness.result;

import dev.pglab.harness.jmh.Budget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The lab's configuration, read once where a process starts (LabRunner's main, the gate's main, a benchmark
 * fork's first setup) and passed down, instead of every class reading system properties when it likes.
 * <ul>
 *   <li>{@code pglab.root}: the reactor root, so every module writes under one {@link LabLayout};</li>
 *   <li>{@code pglab.budget} = smoke | quick (default) | full;</li>
 *   <li>{@code pglab.module}, {@code pglab.suite.package}: whose suite LabRunner runs;</li>
 *   <li>{@code pglab.include} (regex within the package), {@code pglab.params} (JMH's {@code -p}),
 *       {@code pglab.profile=async};</li>
 *   <li>{@code pglab.notes}: where a fork appends its {@link RunNotes};</li>
 *   <li>{@code pglab.pg} = embedded | docker | external and {@code pglab.pg.url} (or {@code PGLAB_PG_URL}, which
 *       forks inherit with the environment, so a password in it never reaches a command line);</li>
 *   <li>any other {@code pglab.*} property, and each {@code name=value} of {@code pglab.options} (knobs Maven
 *       cannot pass one by one, e.g. {@code pglab.live.scenarios=Baseline,Batch-100}): suite knobs, read with
 *       {@link #knob} and handed to the benchmark forks by {@link #forkProperties()}.</li>
 * </ul>
 */
public record LabSettings(LabLayout layout, Budget budget, Optional<String> module, Optional<String> suitePackage,
                          String include, Map<String, String[]> params, boolean asyncProfile, Optional<Path> notes,
                          Optional<String> pgSource, Optional<String> pgUrl, Map<String, String> knobs) {
    /** Properties with a field of their own: never forwarded as knobs. */
    private static final List<String> OWN = List.of("pglab.root", "pglab.budget", "pglab.module", "pglab.suite.package",
            "pglab.include", "pglab.params", "pglab.profile", RunNotes.PROPERTY, "pglab.options");

    public LabSettings {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        knobs = Collections.unmodifiableMap(new TreeMap<>(knobs));
    }

    /** This JVM's system properties and environment: call it once, at the entry point. */
    public static LabSettings fromSystem() {
        Map<String, String> props = new TreeMap<>();
        System.getProperties().stringPropertyNames().forEach(n -> props.put(n, System.getProperty(n)));
        return from(props, System.getenv());
    }

    /** From given properties and environment (pure, for tests). */
    public static LabSettings from(Map<String, String> properties, Map<String, String> env) {
        Map<String, String> p = new TreeMap<>(properties);
        p.putAll(parseOptions(p.getOrDefault("pglab.options", "")));
        Map<String, String> knobs = new TreeMap<>();
        p.forEach((name, value) -> {
            if (name.startsWith("pglab.") && !OWN.contains(name) || name.equals("jmh.ignoreLock")) {
                knobs.put(name, value);
            }
        });
        Path root = Path.of(nonBlank(p.get("pglab.root")).orElse("."));
        String url = nonBlank(p.get("pglab.pg.url")).orElse(env.get("PGLAB_PG_URL"));
        return new LabSettings(LabLayout.of(root), Budget.parse(p.getOrDefault("pglab.budget", "quick")),
                nonBlank(p.get("pglab.module")), nonBlank(p.get("pglab.suite.package")),
                nonBlank(p.get("pglab.include")).orElse(".*"), parseParams(p.getOrDefault("pglab.params", "")),
                "async".equalsIgnoreCase(p.getOrDefault("pglab.profile", "none")),
                nonBlank(p.get(RunNotes.PROPERTY)).map(Path::of), nonBlank(p.get("pglab.pg")), nonBlank(url), knobs);
    }

    /** Only a root (and defaults): what a test or a command working on a given tree needs. */
    public static LabSettings at(Path root) {
        return from(Map.of("pglab.root", root.toString()), Map.of());
    }

    public Path root() {
        return layout.root();
    }

    /** A suite knob ({@code pglab.live.scenarios}, ...), or the default when unset or blank. */
    public String knob(String name, String defaultValue) {
        return nonBlank(knobs.get(name)).orElse(defaultValue);
    }

    /** The module LabRunner runs; fails naming the property when absent. */
    public String requireModule() {
        return module.orElseThrow(() -> new IllegalArgumentException("LabRunner needs -Dpglab.module"));
    }

    public String requireSuitePackage() {
        return suitePackage.orElseThrow(() -> new IllegalArgumentException("LabRunner needs -Dpglab.suite.package"));
    }

    /** The same settings under another budget. */
    public LabSettings withBudget(Budget b) {
        return new LabSettings(layout, b, module, suitePackage, include, params, asyncProfile, notes, pgSource, pgUrl,
                knobs);
    }

    /** The same settings with the notes file a fork appends to. */
    public LabSettings withNotes(Path file) {
        return new LabSettings(layout, budget, module, suitePackage, include, params, asyncProfile, Optional.of(file),
                pgSource, pgUrl, knobs);
    }

    /**
     * What a benchmark fork must see, as {@code -Dname=value}: the root, the budget, the notes file and every
     * knob (the server choice among them), sorted so a fork's command line is stable.
     */
    public List<String> forkProperties() {
        Map<String, String> p = new TreeMap<>(knobs);
        p.put("pglab.root", root().toString());
        p.put("pglab.budget", budget.id());
        notes.ifPresent(n -> p.put(RunNotes.PROPERTY, n.toString()));
        List<String> args = new ArrayList<>();
        p.forEach((k, v) -> args.add("-D" + k + "=" + v));
        return args;
    }

    /** {@code a=1,b=x,y,c=z}: a value may hold commas; a new pair starts at {@code ,name=}. */
    static Map<String, String> parseOptions(String options) {
        Map<String, String> out = new TreeMap<>();
        for (String kv : options.split(",(?=[\\w.]+=)")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /**
     * {@code -Dpglab.params=size=capture;trigger=none|wide_row}: JMH parameter values to run instead of the
     * declared ones (JMH's {@code -p}), for every benchmark that has a parameter of that name.
     */
    public static Map<String, String[]> parseParams(String spec) {
        Map<String, String[]> params = new TreeMap<>();
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException("-Dpglab.params: \"" + part
                        + "\" is not name=value[|value...] (parts are separated by ';')");
            }
            params.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim().split("\\|"));
        }
        return params;
    }

    private static Optional<String> nonBlank(String s) {
        return Optional.ofNullable(s).filter(v -> !v.isBlank());
    }
}
