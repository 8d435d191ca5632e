package dev.pglab.cdc.trigger;

/** How a row-level D+I trigger writes the two halves of an UPDATE. */
public enum DiRowShape {
    /** As shipped in v0.43: two INSERT ... VALUES, the bitmask expression written (and evaluated) in both. */
    BITMASK_TWICE("twice"),
    /** The bitmask computed once into a variable, still two INSERTs. */
    BITMASK_ONCE("once"),
    /** The bitmask once and one 2-row {@code VALUES}: the WAL decoder's atomic shape. */
    VALUES_PAIR("values");

    private final String id;

    DiRowShape(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
