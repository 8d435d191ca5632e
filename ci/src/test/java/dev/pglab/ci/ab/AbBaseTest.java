package dev.pglab.ci.ab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which base the A/B gate measures against, in real git repositories. */
class AbBaseTest {

    private static void git(Path dir, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("git", "-c", "user.email=t@example.org",
                "-c", "user.name=t", "-c", "init.defaultBranch=main"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", args) + ": " + out);
        }
    }

    private static void commit(Path repo, String file, String text) throws Exception {
        Files.createDirectories(repo.resolve(file).getParent());
        Files.writeString(repo.resolve(file), text);
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "change " + file);
    }

    @Test
    void theFirstCommitHasNoBaseAndSaysWhy(@TempDir Path repo) throws Exception {
        git(repo, "init", "-q");
        commit(repo, "a/x.txt", "1");
        StringBuilder why = new StringBuilder();
        assertThat(AbBase.resolve(repo, null, null, why)).isEmpty();
        assertThat(why.toString()).contains("no parent commit");
    }

    @Test
    void theParentByDefaultAndTheMergeBaseWithATarget(@TempDir Path repo) throws Exception {
        git(repo, "init", "-q");
        commit(repo, "a/x.txt", "1");
        commit(repo, "b/y.txt", "2");
        git(repo, "checkout", "-q", "-b", "feature");
        commit(repo, "c/z.txt", "3");
        commit(repo, "d/w.txt", "4");
        Files.writeString(repo.resolve("e.txt"), "untracked");
        StringBuilder why = new StringBuilder();
        AbBase parent = AbBase.resolve(repo, null, null, why).orElseThrow();
        assertThat(parent.label()).contains("HEAD~1");
        assertThat(parent.changedFiles(repo)).containsExactlyInAnyOrder("d/w.txt", "e.txt");
        AbBase mergeBase = AbBase.resolve(repo, null, "main", why).orElseThrow();
        assertThat(mergeBase.changedFiles(repo)).containsExactlyInAnyOrder("c/z.txt", "d/w.txt", "e.txt");
        assertThat(AbBase.resolve(repo, null, "no-such-branch", why)).isEmpty();
        assertThat(why.toString()).contains("no merge-base of HEAD and no-such-branch");
    }

    @Test
    void aShallowCloneSaysHowToGetTheParent(@TempDir Path dir) throws Exception {
        Path origin = Files.createDirectories(dir.resolve("origin"));
        git(origin, "init", "-q");
        commit(origin, "a/x.txt", "1");
        commit(origin, "a/x.txt", "2");
        git(dir, "clone", "-q", "--depth", "1", "file://" + origin, "shallow");
        StringBuilder why = new StringBuilder();
        assertThat(AbBase.resolve(dir.resolve("shallow"), null, null, why)).isEmpty();
        assertThat(why.toString()).contains("shallow clone").contains("--deepen=1");
    }
}
