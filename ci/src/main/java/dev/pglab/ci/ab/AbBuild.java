package dev.pglab.ci.ab;

import dev.pglab.harness.result.LabLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the two sides of an A/B run: the base revision in a git worktree under
 * {@code target/pglab/ab/base}, and the head (the working tree itself), each with the Maven wrapper
 * ({@code package} without tests, then the module's test class path written to {@code target/pglab-classpath.txt}).
 * Never installs: the reactor resolves sibling modules.
 */
public final class AbBuild {
    static final String CLASSPATH_FILE = "target/pglab-classpath.txt";
    private final Path root;
    private final Consumer<String> progress;

    public AbBuild(Path root, Consumer<String> progress) {
        this.root = root;
        this.progress = progress;
    }

    /** A fresh detached worktree of {@code rev} (a previous one is removed first). */
    public Path worktree(String rev) throws IOException, InterruptedException {
        String sha = git(root, "rev-parse", "--verify", rev + "^{commit}").trim();
        Path tree = LabLayout.of(root).ab().resolve("base");
        if (Files.exists(tree)) {
            git(root, "worktree", "remove", "--force", tree.toString());
        }
        git(root, "worktree", "prune");
        Files.createDirectories(tree.getParent());
        progress.accept("A/B: base " + rev + " (" + sha.substring(0, 12) + ") checked out in " + tree);
        git(root, "worktree", "add", "--detach", tree.toString(), sha);
        return tree;
    }

    public void removeWorktree(Path tree) {
        try {
            git(root, "worktree", "remove", "--force", tree.toString());
        } catch (IOException | InterruptedException e) {
            progress.accept("A/B: could not remove worktree " + tree + ": " + e.getMessage());
        }
    }

    /** Packages the modules (and what they need) in a tree and returns each module's side. */
    public List<AbSide> build(Path tree, String sideName, String revision, List<String> modules, List<String> forkJvmArgs)
            throws IOException, InterruptedException {
        progress.accept("A/B: building " + sideName + " (" + String.join(",", modules) + ") in " + tree);
        List<String> cmd = new ArrayList<>(List.of(tree.resolve("mvnw").toString(), "-q", "-B", "-ntp",
                "-DskipTests", "-Dpglab.suite.skip=true", "package", "dependency:build-classpath",
                "-Dmdep.outputFile=" + CLASSPATH_FILE, "-Dmdep.includeScope=test",
                "-pl", String.join(",", modules), "-am"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tree.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path log = LabLayout.of(root).ab().resolve("build-" + sideName + ".log");
        Files.createDirectories(log.getParent());
        pb.redirectOutput(log.toFile());
        int exit = pb.start().waitFor();
        if (exit != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IOException("A/B: building the " + sideName + " side failed (exit " + exit + "), see " + log + ":\n  "
                    + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
        List<AbSide> sides = new ArrayList<>();
        for (String m : modules) {
            sides.add(side(tree.resolve(m), sideName, revision, forkJvmArgs));
        }
        return sides;
    }

    /** The side of one built module directory. */
    public static AbSide side(Path moduleDir, String sideName, String revision, List<String> forkJvmArgs) throws IOException {
        Path cpFile = moduleDir.resolve(CLASSPATH_FILE);
        if (!Files.exists(cpFile)) {
            throw new IOException(cpFile + " is missing: the module was not built with dependency:build-classpath");
        }
        List<Path> cp = new ArrayList<>(List.of(moduleDir.resolve("target/test-classes"), moduleDir.resolve("target/classes")));
        for (String entry : Files.readString(cpFile).trim().split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                cp.add(Path.of(entry));
            }
        }
        return new AbSide(sideName, revision, cp, forkJvmArgs);
    }

    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out.trim());
        }
        return out;
    }
}
