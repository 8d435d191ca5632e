package dev.pglab.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Structured mutations of a committed baseline (ci/baselines, measured on a real machine) and of the result file
 * that baseline's numbers make, read by the gate and judged: the gate either judges or refuses with an
 * IOException naming the file — never an undeclared exception, never a pass on unreadable numbers. Inputs that once
 * broke it are kept under src/test/resources/fuzz-crashers/gate.
 */
class GateInputFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path BASELINE = Path.of("baselines/amd64-amd-epyc-2c-24g-jdk25/bench-parser.json");
    private static final JsonNode BASELINE_TREE = read(BASELINE);
    private static final JsonNode RESULT_TREE = resultFrom(BASELINE_TREE);

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result file a run with the baseline's own numbers would have written (JMH's shape inside the envelope). */
    static JsonNode resultFrom(JsonNode baseline) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", "pglab-result/1");
        ObjectNode env = root.putObject("envelope");
        env.put("module", baseline.path("module").asText());
        env.put("fingerprintId", baseline.path("fingerprintId").asText());
        env.set("fingerprint", baseline.path("fingerprint"));
        env.set("benchmarkJvmArgs", baseline.path("benchmarkJvmArgs"));
        env.put("gitCommit", "fuzz");
        env.put("budget", baseline.path("source").path("budget").asText());
        ArrayNode jmh = root.putArray("jmh");
        for (Iterator<Map.Entry<String, JsonNode>> it = baseline.path("benchmarks").fields(); it.hasNext(); ) {
            var e = it.next();
            BenchmarkKey key = BenchmarkKey.parse(e.getKey());
            ObjectNode entry = jmh.addObject();
            entry.put("benchmark", key.benchmark());
            entry.put("mode", key.mode());
            ObjectNode params = entry.putObject("params");
            key.params().forEach(params::put);
            ObjectNode primary = entry.putObject("primaryMetric");
            primary.put("scoreUnit", e.getValue().path("unit").asText());
            primary.set("rawData", e.getValue().path("raw"));
            ObjectNode secondary = entry.putObject("secondaryMetrics");
            ArrayNode alloc = secondary.putObject(ResultReader.ALLOC).put("scoreUnit", "B/op").putArray("rawData");
            e.getValue().path("allocForks").forEach(v -> alloc.addArray().add(v));
            e.getValue().path("counters").fields().forEachRemaining(c -> {
                ArrayNode raw = secondary.putObject(c.getKey()).put("scoreUnit", "#/op").putArray("rawData");
                c.getValue().forEach(v -> raw.addArray().add(v));
            });
        }
        root.putArray("extra");
        return root;
    }

    /** One change: which node (modulo the nodes of the tree), what to do with it, or a byte-level change of the text. */
    record Mutation(int target, int op, int at) {
        static final JsonNode[] VALUES = {JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.textNode("NaN"),
                JsonNodeFactory.instance.textNode("x"), JsonNodeFactory.instance.numberNode(-1),
                JsonNodeFactory.instance.numberNode(1e308), JsonNodeFactory.instance.arrayNode(),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.booleanNode(true),
                JsonNodeFactory.instance.numberNode(0), JsonNodeFactory.instance.textNode("a|b"),
                JsonNodeFactory.instance.textNode("k|x|y"), JsonNodeFactory.instance.textNode("Infinity")};

        /** Applies to a copy of the tree; op 12 and 13 work on the text afterwards (cut, drop a character). */
        String apply(JsonNode tree) {
            JsonNode copy = tree.deepCopy();
            List<JsonNode[]> slots = new ArrayList<>(); // [parent, index-or-name holder]
            collect(copy, slots);
            int kind = Math.floorMod(op, VALUES.length + 3);
            if (kind < VALUES.length + 1 && !slots.isEmpty()) {
                JsonNode[] slot = slots.get(Math.floorMod(target, slots.size()));
                JsonNode parent = slot[0];
                String name = slot[1].asText();
                JsonNode value = kind == VALUES.length ? null : VALUES[kind];
                if (parent instanceof ObjectNode o) {
                    if (value == null) {
                        o.remove(name);
                    } else {
                        o.set(name, value);
                    }
                } else if (parent instanceof ArrayNode a) {
                    int i = Integer.parseInt(name);
                    if (value == null) {
                        a.remove(i);
                    } else {
                        a.set(i, value);
                    }
                }
            }
            String text = copy.toString();
            if (text.isEmpty()) {
                return text;
            }
            if (kind == VALUES.length + 1) {
                return text.substring(0, Math.floorMod(at, text.length()));
            }
            if (kind == VALUES.length + 2) {
                int p = Math.floorMod(at, text.length());
                return text.substring(0, p) + text.substring(p + 1);
            }
            return text;
        }

        private static void collect(JsonNode node, List<JsonNode[]> slots) {
            if (node instanceof ObjectNode o) {
                o.fieldNames().forEachRemaining(n -> {
                    slots.add(new JsonNode[] {o, JsonNodeFactory.instance.textNode(n)});
                    collect(o.get(n), slots);
                });
            } else if (node instanceof ArrayNode a) {
                for (int i = 0; i < a.size(); i++) {
                    slots.add(new JsonNode[] {a, JsonNodeFactory.instance.textNode(Integer.toString(i))});
                    collect(a.get(i), slots);
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), Arbitraries.integers())
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 80)
    void aMutatedBaselineOrResultIsJudgedOrRefusedNamingTheFile(@ForAll("mutations") List<Mutation> ms,
                                                               @ForAll boolean mutateBaseline) throws Exception {
        JsonNode baseline = BASELINE_TREE;
        JsonNode result = RESULT_TREE;
        String text = null;
        for (Mutation m : ms) {
            text = m.apply(mutateBaseline ? baseline : result);
            try {
                JsonNode next = JSON.readTree(text);
                if (mutateBaseline) {
                    baseline = next;
                } else {
                    result = next;
                }
            } catch (IOException cut) {
                break; // the text no longer parses: it is the input as it is
            }
        }
        check(mutateBaseline ? text : baseline.toString(), mutateBaseline ? result.toString() : text, ms.toString());
    }

    @Example
    void everyKeptCrasherIsJudgedOrRefused() throws Exception {
        Path dir = Path.of(getClass().getResource("/fuzz-crashers/gate").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> corpus = files.sorted().toList();
            assertThat(corpus).isNotEmpty();
            for (Path f : corpus) {
                String text = Files.readString(f);
                if (f.getFileName().toString().startsWith("baseline-")) {
                    check(text, RESULT_TREE.toString(), f.getFileName().toString());
                } else {
                    check(BASELINE_TREE.toString(), text, f.getFileName().toString());
                }
            }
        }
    }

    static void check(String baselineText, String resultText, String what) throws Exception {
        Path root = Files.createTempDirectory("pglab-gate-fuzz");
        try {
            Path baselineFile = root.resolve("baselines/" + BASELINE_TREE.path("fingerprintId").asText() + "/bench-parser.json");
            Files.createDirectories(baselineFile.getParent());
            Files.writeString(baselineFile, baselineText, StandardCharsets.UTF_8);
            Path results = Files.createDirectories(root.resolve("results"));
            Path resultFile = results.resolve("bench-parser.json");
            Files.writeString(resultFile, resultText, StandardCharsets.UTF_8);
            try {
                List<RunResults> runs = ResultReader.readAll(results);
                List<KeyVerdict> verdicts = new Gate(GateConfig.standard()).judge(runs, new BaselineStore(root.resolve("baselines")));
                assertThat(verdicts).as(what).isNotNull();
            } catch (IOException refused) {
                assertThat(refused.getMessage()).as("a refusal names the file; %s", what)
                        .containsAnyOf(baselineFile.toString(), resultFile.toString(), results.toString());
            } catch (RuntimeException e) {
                Path kept = Files.createDirectories(Path.of("target", "fuzz-crashers", "gate"));
                Path b = Files.writeString(Files.createTempFile(kept, "baseline-", ".json"), baselineText);
                Path r = Files.writeString(Files.createTempFile(kept, "result-", ".json"), resultText);
                throw new AssertionError("undeclared " + e + "; " + what + "; inputs kept as " + b + " and " + r, e);
            }
        } finally {
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
