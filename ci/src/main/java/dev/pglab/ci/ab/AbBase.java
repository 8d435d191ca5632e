package dev.pglab.ci.ab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which revision the head is measured against, and what changed since. An explicit {@code --base} is used as
 * given; a target branch ({@code --target}, what a pull-request job passes) gives the merge-base of HEAD and that
 * branch; otherwise the parent commit {@code HEAD~1}. A clone without the base (shallow, or a first commit) gives
 * a reason instead of a revision, so the gate can say why nothing was gated.
 */
public record AbBase(String label, String sha) {

    /** The base, or empty with {@code why} filled. */
    public static Optional<AbBase> resolve(Path root, String explicit, String target, StringBuilder why)
            throws InterruptedException {
        if (explicit != null) {
            return verify(root, explicit, explicit, why, "--base " + explicit + " is not a commit in this clone");
        }
        if (target != null) {
            for (String ref : List.of(target, "origin/" + target)) {
                try {
                    String sha = AbBuild.git(root, "merge-base", "HEAD", ref).trim();
                    return Optional.of(new AbBase("merge-base of HEAD and " + ref, sha));
                } catch (IOException e) {
                    // try the remote-tracking name
                }
            }
            why.append("no merge-base of HEAD and ").append(target).append(" in this clone (a shallow clone? fetch with "
                    + "fetch-depth: 0, or git fetch origin ").append(target).append(')');
            return Optional.empty();
        }
        return verify(root, "HEAD~1", "parent commit HEAD~1", why, isShallow(root)
                ? "HEAD~1 is not in this shallow clone (git fetch --deepen=1, or clone with more history)"
                : "HEAD has no parent commit (the first commit of the repository)");
    }

    private static Optional<AbBase> verify(Path root, String rev, String label, StringBuilder why, String reason)
            throws InterruptedException {
        try {
            String sha = AbBuild.git(root, "rev-parse", "--verify", "--quiet", rev + "^{commit}").trim();
            return Optional.of(new AbBase(label, sha));
        } catch (IOException e) {
            why.append(reason);
            return Optional.empty();
        }
    }

    private static boolean isShallow(Path root) throws InterruptedException {
        try {
            return "true".equals(AbBuild.git(root, "rev-parse", "--is-shallow-repository").trim());
        } catch (IOException e) {
            return false;
        }
    }

    /** Files that differ between this base and the working tree (committed or not), and untracked files. */
    public List<String> changedFiles(Path root) throws IOException, InterruptedException {
        List<String> files = new ArrayList<>();
        for (String out : List.of(AbBuild.git(root, "diff", "--name-only", sha),
                AbBuild.git(root, "ls-files", "--others", "--exclude-standard"))) {
            for (String line : out.split("\\R")) {
                if (!line.isBlank()) {
                    files.add(line.trim());
                }
            }
        }
        return files;
    }

    public String shortSha() {
        return sha.substring(0, Math.min(12, sha.length()));
    }
}
