package dev.pglab.ci.ab;

import java.util.List;

/**
 * What an A/B gate run is asked beyond its measuring settings: a target branch whose merge-base with HEAD is the
 * base (null: HEAD~1, unless an explicit base is given), whether to run every sentinel even when the change
 * touches none of its modules, and for calibration the injected slowdowns and trials per level (empty: the plain
 * A/A noise calibration).
 */
public record AbRequest(String target, boolean allSentinels, List<Double> inject, int trials) {

    public static AbRequest standard() {
        return new AbRequest(null, false, List.of(), 0);
    }

    /** From {@code -Dpglab.ab.target=BRANCH} and {@code -Dpglab.ab.all=true} (the -Pbench wiring). */
    public static AbRequest fromSystemProperties() {
        String target = System.getProperty("pglab.ab.target");
        return new AbRequest(target == null || target.isBlank() ? null : target.trim(),
                Boolean.parseBoolean(System.getProperty("pglab.ab.all", "false")), List.of(), 0);
    }

    /** {@code 0.10,0.20,0.50}: fractions between 0 and 10. */
    public static List<Double> parseLevels(String spec) {
        List<Double> levels = new java.util.ArrayList<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--inject " + spec + ": \"" + part.trim() + "\" is not a fraction such as 0.2");
            }
            if (!(v > 0 && v <= 10)) {
                throw new IllegalArgumentException("--inject " + spec + ": " + part.trim() + " is not between 0 (excluded) and 10");
            }
            levels.add(v);
        }
        return levels;
    }
}
