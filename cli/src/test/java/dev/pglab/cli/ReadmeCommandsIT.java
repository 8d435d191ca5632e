package dev.pglab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.wal.SyntheticWal;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.pg.WithPg;
import dev.pglab.trace.bench.TraceCaptures;
import dev.pglab.wal.pgo.PgoWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command lines, run as written (in a child JVM, in a directory holding the files they name) against
 * the embedded server: a README that drifts from the commands fails here. Lines that run until Ctrl-C or for
 * minutes are named in {@link #NOT_RUN}; any other new line runs.
 */
@WithPg({ServerProfile.LOGICAL})
class ReadmeCommandsIT {
    private static final Set<String> NOT_RUN = Set.of("./pglab server ", "./pglab cdc run", "./pglab gate ab",
            "./pglab replay compare"); // 16 replays on two servers: ReplayCompareCommandIT runs it

    @Test
    void everyCheapReadmeCommandWorksAsWritten(PgServer server, @TempDir Path dir) throws Exception {
        List<String> lines = commandLines(Path.of("..", "README.md"));
        assertThat(lines).as("the README's command-line block").hasSizeGreaterThan(8);
        CapturedLogs logs = TraceCaptures.transfers();
        Files.copy(logs.stderr(), dir.resolve("postgresql.log"));
        Files.copy(logs.csv(), dir.resolve("postgresql.csv"));
        Files.write(dir.resolve("capture.pgo"), PgoWriter.toBytes(out -> SyntheticWal.write(SyntheticWal.Shape.MIXED, 2, 8, 1, out::write)));
        server.execute("drop database if exists shop", "drop role if exists me",
                "create role me login superuser", "create database shop owner me",
                "create table if not exists readme_t (id int primary key)");
        // the README names a server at localhost:5432: here it is the test's server
        Map<String, String> serverTokens = Map.of("localhost", server.host(), "5432", Integer.toString(server.port()));
        int ran = 0;
        for (String line : lines) {
            if (NOT_RUN.stream().anyMatch(line::startsWith)) {
                continue;
            }
            for (String command : line.split(" && ")) {
                List<String> args = new ArrayList<>();
                for (String word : command.trim().split("\\s+")) {
                    args.add(serverTokens.getOrDefault(word, word.replaceAll("^'|'$", "")));
                }
                assertThat(args.removeFirst()).isEqualTo("./pglab");
                Pglab r = Pglab.run(Map.of(), dir, args.toArray(String[]::new));
                assertThat(r.exit()).as(command + "\n" + r.err()).isZero();
                assertThat(r.err()).as(command).doesNotContain(" INFO ").doesNotContain("\tat ");
                ran++;
            }
        }
        assertThat(ran).isGreaterThanOrEqualTo(10);
        assertThat(dir.resolve("out/replay.json")).isNotEmptyFile();
        assertThat(dir.resolve("target/pglab/report/index.html")).isNotEmptyFile();
    }

    /** The lines of the bash block under "## The command line", without their comments. */
    static List<String> commandLines(Path readme) throws Exception {
        List<String> out = new ArrayList<>();
        boolean inSection = false;
        boolean inBlock = false;
        for (String line : Files.readAllLines(readme)) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## The command line");
            } else if (inSection && line.startsWith("```")) {
                if (inBlock) {
                    break;
                }
                inBlock = true;
            } else if (inBlock && line.startsWith("./pglab")) {
                int hash = line.indexOf(" # ");
                out.add((hash < 0 ? line : line.substring(0, hash)).trim());
            }
        }
        return out;
    }
}
