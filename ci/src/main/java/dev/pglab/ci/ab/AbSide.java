package dev.pglab.ci.ab;

import java.nio.file.Path;
import java.util.List;

/**
 * One side of an A/B run: a built tree's class path for one module (its benchmarks, their generated JMH
 * classes, their dependencies) and extra JVM flags for its forks.
 */
public record AbSide(String name, String revision, List<Path> classpath, List<String> forkJvmArgs) {

    public String classpathText() {
        return String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList());
    }
}
