package dev.pglab.ci;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The gate's outcomes. Only {@link #REGRESSION} fails a build; {@link #INCONCLUSIVE} warns ("cannot tell":
 * load, steal, or an interval too wide). Declared in report order: what needs attention first.
 */
public enum Verdict {
    REGRESSION("REGRESSION"),
    INCONCLUSIVE("INCONCLUSIVE"),
    MISSING("MISSING"),
    NEW("NEW"),
    NOT_COMPARABLE("NOT-COMPARABLE"),
    PASS("PASS");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public static Verdict parse(String label) {
        for (Verdict v : values()) {
            if (v.label.equalsIgnoreCase(label) || v.name().equalsIgnoreCase(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("not a verdict: " + label);
    }

    /** The more serious of two verdicts among PASS, INCONCLUSIVE and REGRESSION. */
    public static Verdict worse(Verdict a, Verdict b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
