package dev.pglab.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pull-request workflow runs exactly the steps .ci/run runs, in the same order. */
class CiScriptsTest {
    private static final Path ROOT = Path.of(System.getProperty("pglab.root", "..")).toAbsolutePath().normalize();
    private static final Pattern STEP = Pattern.compile("^\\s*(?:run:\\s*)?bash (\\.ci/[\\w-]+)", Pattern.MULTILINE);

    private static List<String> steps(Path file) throws Exception {
        Matcher m = STEP.matcher(Files.readString(file));
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theWorkflowAndCiRunShareTheirSteps() throws Exception {
        List<String> local = steps(ROOT.resolve(".ci/run"));
        assertThat(local).containsExactly(".ci/tests", ".ci/smoke", ".ci/ab-gate");
        assertThat(steps(ROOT.resolve(".github/workflows/pglab.yml"))).isEqualTo(local);
        assertThat(Files.readString(ROOT.resolve(".ci/tests"))).contains("./mvnw -B -ntp verify\n");
        assertThat(Files.readString(ROOT.resolve(".ci/ab-gate"))).contains("gate ab --time-budget");
        assertThat(Files.readString(ROOT.resolve(".github/workflows/pglab.yml"))).contains("fetch-depth: 0")
                .contains("PGLAB_BASE_REF: ${{ github.base_ref }}").contains("upload-artifact").contains("GITHUB_STEP_SUMMARY");
    }
}
