package dev.pglab.replay;

import java.util.Locale;

/**
 * The replay speed: a factor on the capture's pace ({@code 1} = as captured, {@code 2} = twice as fast), or
 * {@link #MAX}, where each session runs its items back to back.
 */
public record Speed(double factor) {
    public static final Speed MAX = new Speed(Double.POSITIVE_INFINITY);
    public static final Speed CAPTURED = new Speed(1.0);

    public Speed {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("speed must be a positive number or 'max', got " + factor);
        }
    }

    public boolean isMax() {
        return Double.isInfinite(factor);
    }

    /** {@code max}, or a positive decimal such as {@code 1}, {@code 0.5}, {@code 2.5}. */
    public static Speed parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return MAX;
        }
        try {
            return new Speed(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("speed '" + text + "' is not a number > 0 or 'max'");
        }
    }

    @Override
    public String toString() {
        return isMax() ? "max" : (factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor));
    }
}
