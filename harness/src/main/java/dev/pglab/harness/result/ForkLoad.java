package dev.pglab.harness.result;

import java.util.Map;

/**
 * Machine load around one fork of one benchmark: taken when its first iteration starts and when its last
 * one ends.
 */
public record ForkLoad(String benchmark, Map<String, String> params, int fork, double loadPerCoreBefore,
                       double loadPerCoreAfter, double steal, boolean clean) {
}
