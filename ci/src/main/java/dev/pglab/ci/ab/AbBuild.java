package dev.pglab.ci.ab;

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
    static final String BUILT_MARKER = "target/pglab-ab-built.txt";
    private final Path root;
    private final Consumer<String> progress;

    public AbBuild(Path root, Consumer<String> progress) {
        this.root = root;
        this.progress = progress;
    }

    /**
     * A detached worktree of {@code rev} under {@code target/pglab/ab/base}. The worktree of an earlier run is kept
     * and reused when it is at the same commit (with its build, see {@link #build}); otherwise it is replaced.
     */
    public Path worktree(String rev) throws IOException, InterruptedException {
        String sha = git(root, "rev-parse", "--verify", rev + "^{commit}").trim();
        Path tree = root.resolve("target").resolve("pglab").resolve("ab").resolve("base");
        if (Files.exists(tree.resolve(".git"))) {
            try {
                String at = git(tree, "rev-parse", "HEAD").trim();
                if (at.equals(sha) && git(tree, "status", "--porcelain", "--untracked-files=no").isBlank()) {
                    progress.accept("A/B: base " + rev + " (" + sha.substring(0, 12) + ") already checked out in " + tree);
                    return tree;
                }
            } catch (IOException e) {
                // a broken leftover: replace it
            }
        }
        if (Files.exists(tree)) {
            try {
                git(root, "worktree", "remove", "--force", tree.toString());
            } catch (IOException e) {
                deleteTree(tree); // not a registered worktree (e.g. a copied target/): remove the directory
            }
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

    /**
     * Packages the modules (and what they need) in a tree and returns each module's side. With {@code reusable}
     * (the base: a commit, not a working tree) a build of the same commit and modules done by an earlier run is
     * reused ({@value #BUILT_MARKER} records it).
     */
    public List<AbSide> build(Path tree, String sideName, String revision, List<String> modules, List<String> forkJvmArgs,
                              boolean reusable) throws IOException, InterruptedException {
        Path marker = tree.resolve(BUILT_MARKER);
        String stamp = (reusable ? git(tree, "rev-parse", "HEAD").trim() : "") + " " + String.join(",", modules);
        if (reusable && Files.exists(marker) && Files.readString(marker).equals(stamp)) {
            progress.accept("A/B: reusing the " + sideName + " build of " + revision + " (" + String.join(",", modules) + ")");
            List<AbSide> sides = new ArrayList<>();
            for (String m : modules) {
                sides.add(side(tree.resolve(m), sideName, revision, forkJvmArgs));
            }
            return sides;
        }
        Files.deleteIfExists(marker);
        progress.accept("A/B: building " + sideName + " (" + String.join(",", modules) + ") in " + tree);
        List<String> cmd = new ArrayList<>(List.of(tree.resolve("mvnw").toString(), "-q", "-B", "-ntp",
                "-DskipTests", "-Dpglab.suite.skip=true", "package", "dependency:build-classpath",
                "-Dmdep.outputFile=" + CLASSPATH_FILE, "-Dmdep.includeScope=test",
                "-pl", String.join(",", modules), "-am"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tree.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path log = root.resolve("target").resolve("pglab").resolve("ab").resolve("build-" + sideName + ".log");
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
        if (reusable) {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, stamp);
        }
        return sides;
    }

    /** Same build, other JVM flags for its forks (e.g. an injected slowdown on the head side). */
    public static List<AbSide> withForkArgs(List<AbSide> sides, List<String> forkJvmArgs) {
        return sides.stream().map(s -> new AbSide(s.name(), s.revision(), s.classpath(), forkJvmArgs)).toList();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
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
