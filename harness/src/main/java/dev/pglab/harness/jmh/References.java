package dev.pglab.harness.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.util.Optional;

/** Copies {@link Reference} declarations into result entries, where the report reads them. */
public final class References {
    /** The field of a result entry that holds a reference's description. */
    public static final String FIELD = "pglabReference";

    private References() {
    }

    /** Marks every entry whose benchmark method carries {@link Reference}; classes that cannot be loaded are left alone. */
    public static void mark(Iterable<JsonNode> entries, ClassLoader loader) {
        for (JsonNode e : entries) {
            if (e instanceof ObjectNode o) {
                declared(o.path("benchmark").asText(), loader).ifPresent(r -> o.put(FIELD, r));
            }
        }
    }

    static Optional<String> declared(String benchmark, ClassLoader loader) {
        int dot = benchmark.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(benchmark.substring(0, dot), false, loader);
            for (Method m : type.getMethods()) {
                Reference r = m.getAnnotation(Reference.class);
                if (r != null && m.getName().equals(benchmark.substring(dot + 1))) {
                    return Optional.of(r.value());
                }
            }
        } catch (ClassNotFoundException | LinkageError notHere) {
            // a paced suite's synthetic name, or a class of another module: no declaration to copy
        }
        return Optional.empty();
    }
}
