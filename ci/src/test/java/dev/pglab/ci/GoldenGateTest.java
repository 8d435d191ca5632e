package dev.pglab.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour kept: committed result files gated against committed baselines give the committed gate.json and
 * console table, byte for byte but for the creation time and the output path. The expected files were written by
 * the gate as it was before the measurement model moved into harness; a change to them is a change of verdicts
 * (or of gate.json's shape) and must be deliberate. The fixture covers every rule: bytes/op, counters named by
 * unit, by name and from {@code extra}, a time per op that is never a counter, SampleTime histograms, the
 * catastrophic rule, the load guard, a wide interval, a declared expectation, one fork, NEW, MISSING, and a
 * baseline from another fingerprint.
 */
class GoldenGateTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Pattern CREATED_AT = Pattern.compile("\"createdAt\" : \"[^\"]*\"");

    @Test
    void theCommittedResultsGiveTheCommittedGateJsonAndTable(@TempDir Path tmp) throws Exception {
        Path gateJson = tmp.resolve("gate.json");
        GateOptions options = GateOptions.defaults(tmp).withResults(GOLDEN.resolve("results"))
                .withStore(new BaselineStore(GOLDEN.resolve("baselines"))).withGateJson(gateJson)
                .with("fail", "compare", null, null, "off");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        GateReport report = new GateRun(options, new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        // what this run produced, beside the build output, to diff when the test fails
        Path actual = Files.createDirectories(Path.of("target/golden-actual"));
        String table = console.toString(StandardCharsets.UTF_8).replace(gateJson.toString(), "<gate.json>");
        Files.copy(gateJson, actual.resolve("expected-gate.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(actual.resolve("expected-table.txt"), table);

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(withoutCreatedAt(Files.readString(gateJson)))
                .isEqualTo(withoutCreatedAt(Files.readString(GOLDEN.resolve("expected-gate.json"))));
        assertThat(table).isEqualTo(Files.readString(GOLDEN.resolve("expected-table.txt")));
    }

    /**
     * The same results written today, with every metric's kind declared as its producer now declares it, gate
     * exactly as the old file did: declarations replace the name rule without changing a verdict.
     */
    @Test
    void declaringTheKindsTheOldRuleGuessedChangesNoVerdict(@TempDir Path tmp) throws Exception {
        Path results = Files.createDirectories(tmp.resolve("results"));
        for (String module : new String[] {"golden", "golden-other"}) {
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) dev.pglab.harness.result.ResultFile.JSON
                    .readTree(GOLDEN.resolve("results").resolve(module + ".json").toFile());
            var kinds = ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("envelope")).putObject("metricKinds");
            kinds.put("rowsPerOp", "counter").put("walBytes", "bytes").put("roundTripsPerOp", "counter")
                    .put("backendCpuMsPerOp", "time").put("gc.count", "other");
            dev.pglab.harness.result.ResultFile.JSON.writeValue(results.resolve(module + ".json").toFile(), root);
        }
        Path gateJson = tmp.resolve("gate.json");
        GateOptions options = GateOptions.defaults(tmp).withResults(results)
                .withStore(new BaselineStore(GOLDEN.resolve("baselines"))).withGateJson(gateJson)
                .with("fail", "compare", null, null, "off");
        new GateRun(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        assertThat(withoutCreatedAt(Files.readString(gateJson)))
                .isEqualTo(withoutCreatedAt(Files.readString(GOLDEN.resolve("expected-gate.json"))));
    }

    private static String withoutCreatedAt(String json) {
        return CREATED_AT.matcher(json).replaceAll("\"createdAt\" : \"<ignored>\"");
    }
}
